"""A tiny causal architecture that registers itself with transformers on import (for hf_adapter's tests).

It stands in for packages such as flash-linear-attention, whose DeltaNet and Gated
DeltaNet checkpoints name a ``model_type`` that transformers knows only after
``import fla``. The model is a running mean of token embeddings (a linear
recurrence, like a linear-attention state) followed by a mixing layer: causal, so
right padding cannot change the real tokens' logits. Needs torch and transformers.
"""

import torch
from torch import nn
from transformers import AutoConfig, AutoModelForCausalLM, PretrainedConfig, PreTrainedModel
from transformers.modeling_outputs import CausalLMOutputWithPast

MODEL_TYPE = "cwmbench-tiny-mixer"


class TinyMixerConfig(PretrainedConfig):
    """Sizes of the tiny mixer."""

    model_type = MODEL_TYPE

    def __init__(self, vocab_size=64, hidden_size=16, max_position_embeddings=1024, **kwargs):
        self.vocab_size = vocab_size
        self.hidden_size = hidden_size
        self.max_position_embeddings = max_position_embeddings
        super().__init__(**kwargs)


class TinyMixerForCausalLM(PreTrainedModel):
    """Embedding, causal running mean, tanh mixing layer, output layer."""

    config_class = TinyMixerConfig
    base_model_prefix = "mixer"

    def __init__(self, config):
        super().__init__(config)
        self.embed = nn.Embedding(config.vocab_size, config.hidden_size)
        self.mix = nn.Linear(config.hidden_size, config.hidden_size)
        self.lm_head = nn.Linear(config.hidden_size, config.vocab_size, bias=False)
        self.post_init()

    def _init_weights(self, module):
        if isinstance(module, (nn.Linear, nn.Embedding)):
            nn.init.normal_(module.weight, std=0.5)
        if isinstance(module, nn.Linear) and module.bias is not None:
            nn.init.zeros_(module.bias)

    def get_output_embeddings(self):
        return self.lm_head

    def forward(self, input_ids=None, attention_mask=None, use_cache=None, **kwargs):
        x = self.embed(input_ids)
        counts = torch.arange(1, x.shape[1] + 1, device=x.device, dtype=x.dtype)[None, :, None]
        hidden = torch.tanh(self.mix(x.cumsum(dim=1) / counts)) + x
        return CausalLMOutputWithPast(logits=self.lm_head(hidden))


AutoConfig.register(MODEL_TYPE, TinyMixerConfig)
AutoModelForCausalLM.register(TinyMixerConfig, TinyMixerForCausalLM)
