# Seed 1 of the four architectures at spacing 1, the full run's settings otherwise (run after
# make reproduce, whose task files and venv it uses); two models at a time, one core each.
cd "$(dirname "$0")/../../.."  # the repository root
export XLA_FLAGS="--xla_cpu_multi_thread_eigen=false intra_op_parallelism_threads=1"
export CWMBENCH_PYTHON=$PWD/.venv-reference/bin/python CWMBENCH_ADAPTERS=$PWD/Adapters/python
W=Results/reference/work
one() {
  .venv-reference/bin/python Reference/train.py --data $W/tasks/train/reference-perm.jsonl --spacing 1 \
    --arch $1 --out $W/seed1/models/$1-k1 --name k1-seed1 --seed 1 --steps 4000 --batch-size 16 --d-model 64 \
    --layers 2 --heads 4 --lr 3e-3 --log-every 250 --save-every 250
  .build/release/cwmbench eval $W/tasks/test/reference-perm.jsonl --model $W/seed1/models/$1-k1 --mode score \
    --out $W/seed1/runs/$1-k1 --quiet
}
mkdir -p $W/seed1/logs
(one deltanet-neg >> $W/seed1/logs/deltanet-neg-k1.log 2>&1; one lstm >> $W/seed1/logs/lstm-k1.log 2>&1) &
(one deltanet >> $W/seed1/logs/deltanet-k1.log 2>&1; one transformer >> $W/seed1/logs/transformer-k1.log 2>&1) &
wait
echo all done
