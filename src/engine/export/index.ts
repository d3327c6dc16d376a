/** Exports: a subnet as a TF.js Layers model, as a PyTorch module with its training script; the whole search as a PyTorch project. */
export * from './pytorch';
export * from './pytorchSearch/project';
export * from './tfjs';
