/** Exports: a subnet as a TF.js Layers model, as a PyTorch module with its training script. */
export * from './pytorch';
export * from './tfjs';
