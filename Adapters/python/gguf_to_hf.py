"""Turn a GGUF file into a Hugging Face checkpoint folder, with transformers' GGUF loading.

    python Adapters/python/gguf_to_hf.py MODEL.gguf OUT_DIR

The quantized tensors are de-quantized to float32 on loading; transformers refuses
to save a model it loaded from GGUF, so the weights are copied into a fresh model
built from the same config, which is saved with the tokenizer. Nothing is fetched
(run with HF_HUB_OFFLINE=1). Needs torch, transformers, gguf and accelerate.
"""

from __future__ import annotations

import os
import shutil
import sys


def main(argv=None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) != 2:
        sys.exit("usage: gguf_to_hf.py MODEL.gguf OUT_DIR")
    source, out = argv
    if not os.path.isfile(source):
        sys.exit("gguf_to_hf: no file '%s'" % source)
    import torch
    import transformers

    folder, name = os.path.split(os.path.abspath(source))
    tokenizer = transformers.AutoTokenizer.from_pretrained(folder, gguf_file=name)
    loaded = transformers.AutoModelForCausalLM.from_pretrained(folder, gguf_file=name, dtype=torch.float32)
    config = loaded.config
    if hasattr(config, "quantization_config"):
        del config.quantization_config
    model = transformers.AutoModelForCausalLM.from_config(config, dtype=torch.float32)
    model.load_state_dict(loaded.state_dict(), strict=True)
    partial = out + ".part"
    shutil.rmtree(partial, ignore_errors=True)
    model.save_pretrained(partial)
    tokenizer.save_pretrained(partial)
    shutil.rmtree(out, ignore_errors=True)
    os.replace(partial, out)
    print("gguf_to_hf: wrote '%s' (%s, %d parameters)"
          % (out, type(model).__name__, sum(p.numel() for p in model.parameters())))


if __name__ == "__main__":
    main()
