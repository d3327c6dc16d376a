import { useEffect, useId } from 'react';
import { trainedWithLine } from '../../../state/imported';
import { useStore } from '../../../state/store';

/** Reads a picked or dropped file and opens it as a finished run (a damaged one is a notice; nothing shown is lost). */
async function open(file: File): Promise<void> {
  await useStore.getState().openReport({ name: file.name, text: await file.text() });
}

/**
 * "Open a report (.json)": a run trained elsewhere (the exported PyTorch project's report.json, or the
 * CLI's --json) shown as this page shows a finished run. A .json file dropped anywhere on the page opens
 * too, unless a panel of its own took the drop (the Data panel's CIFAR-10 drop zone).
 */
export function OpenReport() {
  const id = useId();
  useEffect(() => {
    const reportOf = (e: DragEvent) => [...(e.dataTransfer?.items ?? [])].some((i) => i.kind === 'file');
    const onOver = (e: DragEvent) => {
      if (!e.defaultPrevented && reportOf(e)) e.preventDefault();
    };
    const onDrop = (e: DragEvent) => {
      if (e.defaultPrevented) return;
      const file = [...(e.dataTransfer?.files ?? [])].find((f) => f.name.toLowerCase().endsWith('.json'));
      // The browser would otherwise navigate away to the dropped file, losing the page.
      e.preventDefault();
      if (file) void open(file);
    };
    addEventListener('dragover', onOver);
    addEventListener('drop', onDrop);
    return () => {
      removeEventListener('dragover', onOver);
      removeEventListener('drop', onDrop);
    };
  }, []);
  return (
    <label
      className="open-report"
      htmlFor={id}
      title="A report.json written by the exported PyTorch search project (train_supernet.py) or by the CLI's --json: shown here as a finished run, checked against its space's benchmark where it has one"
    >
      <span className="button-like">Open a report (.json)</span>
      <input
        id={id}
        type="file"
        accept=".json,application/json"
        className="sr-only"
        data-testid="open-report"
        onChange={(e) => {
          const f = e.currentTarget.files?.[0];
          e.currentTarget.value = '';
          if (f) void open(f);
        }}
      />
    </label>
  );
}

/** Where the shown run was trained, when it was opened from a report rather than run here. */
export function TrainedWithLine() {
  const imported = useStore((s) => s.imported);
  const status = useStore((s) => s.status);
  if (!imported || status !== 'done') return null;
  return (
    <p className="restored" data-testid="trained-with">
      {trainedWithLine(imported)} · opened from <b>{imported.file}</b>; this page ranked, searched and checked it.
    </p>
  );
}
