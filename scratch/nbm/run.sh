#!/bin/bash
# usage: run.sh NAME 'key=val&key=val' [extra cli args]
name=$1; cfg=$2; shift 2
cd /work/main
npx tsx src/cli/main.ts --config "#v=1&space=nbmacro&data=builtin&val=500&batch=64&$cfg" --data builtin --quiet --json scratch/nbm/$name.json "$@" > scratch/nbm/$name.log 2>&1
echo "rc=$?"
npx tsx scratch/nbm/sum.ts scratch/nbm/$name.json
