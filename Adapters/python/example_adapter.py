"""A complete cwmbench adapter: the "nothing moves" baseline for repl traces.

It answers every ``print`` with the variables' initial values, ignoring every
action. Run it with:
    cwmbench eval TASKS.jsonl --model "exec:python3 Adapters/python/example_adapter.py" --mode generate
"""
import re

from cwmbench_adapter import Adapter, serve


class NothingMoves(Adapter):
    name = "nothing-moves"

    def generate(self, prompt, max_tokens, stop):
        initial = dict(re.findall(r"^>>> ([a-z]) = (-?\d+)$", prompt, re.MULTILINE))
        call = re.findall(r"^>>> print\((.*)\)$", prompt, re.MULTILINE)[-1]
        names = [arg.strip() for arg in call.split(",")]
        return " ".join(n.strip("'") if n.startswith("'") else initial[n] for n in names)


if __name__ == "__main__":
    serve(NothingMoves())
