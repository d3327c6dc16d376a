#!/usr/bin/env bash
# The search at the benchmark's width on a GPU, in three steps (the GPU machine has python3 + PyTorch but no Node):
#   bench/gpu.sh prepare          here: export the Long-run project at width 1 and 0.125 into .gpu/ with the CIFAR-10 files
#   bench/gpu.sh run              on the GPU machine (carry .gpu): train each on CUDA, reports and timings to $OUT (or .gpu/out)
#   bench/gpu.sh collect DIR      here: rank each report against NAS-Bench-Macro (--scores) into bench/results/gpu.json
# The browser on WebGPU (bench/browser.ts) runs where Node and Chromium are: `run` does it when both are there, and says so when not.
set -euo pipefail
cd "$(dirname "$0")/.."
WIDTHS=(1 0.125)
DATA=${DATA:-../shared/data/cifar10}

case "${1:-}" in
  prepare)
    rm -rf .gpu && mkdir -p .gpu/data
    cp "$DATA"/*.bin .gpu/data/
    for w in "${WIDTHS[@]}"; do
      npx tsx src/cli/main.ts --preset long --width "$w" --data "$DATA" --export-pytorch ".gpu/w$w" --quiet
    done
    du -sh .gpu
    ;;
  run)
    out=${OUT:-.gpu/out}; mkdir -p "$out"
    nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader > "$out/gpu.txt" || true
    python3 -c 'import torch; print(torch.__version__, torch.cuda.is_available())' | tee "$out/torch.txt"
    for w in "${WIDTHS[@]}"; do
      for amp in "" "--amp"; do
        tag="w$w${amp:+-amp}"
        [ "$w" != 1 ] && [ -n "$amp" ] && continue   # mixed precision only where the convolutions are large enough to gain
        echo "== $tag"
        PYTHONUNBUFFERED=1 python3 ".gpu/w$w/train_supernet.py" --data .gpu/data --device cuda:0 $amp --out "$out/report-$tag.json" 2>&1 | tail -n 4
      done
    done
    if command -v node >/dev/null && [ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then
      BNNAS_BENCH=1 npx vite build && npx tsx bench/browser.ts --backend webgpu --json "$out/browser-webgpu.json"
    else
      echo "no Node or Chromium here: the browser's WebGPU figures come from a machine that has both (npm run bench)" | tee "$out/browser-skipped.txt"
    fi
    ;;
  collect)
    dir=${2:?collect needs the folder run wrote}
    node -e '
      const fs = require("fs"); const { execFileSync } = require("child_process");
      const dir = process.argv[1]; const rows = [];
      for (const f of fs.readdirSync(dir).filter((f) => /^report-.*\.json$/.test(f)).sort()) {
        const tmp = `${dir}/${f}.scored.json`;
        execFileSync("npx", ["tsx", "src/cli/main.ts", "--scores", `${dir}/${f}`, "--json", tmp], { stdio: ["ignore", "ignore", "inherit"] });
        const r = JSON.parse(fs.readFileSync(tmp, "utf8")); const s = r.supernet ?? {}; const g = r.groundTruth ?? {};
        rows.push({ run: f.replace(/^report-|\.json$/g, ""), trainedWith: r.trainedWith, steps: s.steps, seconds: s.seconds,
          secondsPerStep: s.seconds / s.steps, valAccuracy: s.valAccuracy, kendall: g.kendall, withinDepthKendall: g.withinDepthKendall,
          found: g.found, trivialPick: g.trivialPick?.trueAccuracy });
      }
      const gpu = fs.existsSync(`${dir}/gpu.txt`) ? fs.readFileSync(`${dir}/gpu.txt`, "utf8").trim() : null;
      fs.writeFileSync("bench/results/gpu.json", JSON.stringify({ measured: new Date().toISOString(), gpu, rows }, null, 2) + "\n");
      console.table(rows.map((r) => ({ run: r.run, steps: r.steps, "s/step": r.secondsPerStep?.toFixed(4), val: r.valAccuracy, tau: r.kendall?.toFixed(3), "tau depth": r.withinDepthKendall?.toFixed(3) })));
    ' "$dir"
    ;;
  *) sed -n 2,6p "$0"; exit 2 ;;
esac
