"""Four small sequence models behind one interface, in plain JAX.

Every architecture is a pair of pure functions over a nested-dict parameter tree::

    params = init(architecture, config, key)
    logits = apply(architecture, config, params, tokens)   # tokens [B, T] -> logits [B, T, V]

``config`` is a plain dict (``vocab_size``, ``d_model``, ``layers``, ``heads``) so it
round-trips through ``cwmbench-model.json``. Every model is causal: the logits at
position t depend on tokens 0..t only, so padding appended after a text never
changes the logits of the text itself (the adapter relies on this).

Architectures (``ARCHITECTURES``):

- ``transformer``: pre-norm causal self-attention with sinusoidal positions. Its
  attention has no recurrence, and positions beyond the training length are
  angles it has never seen, so it is not expected to extrapolate in length.
- ``lstm``: a stack of LSTM layers (non-linear recurrence), run with ``lax.scan``.
- ``deltanet``: DeltaNet with beta in [0, 1] (sigmoid); the state-transition matrix
  I - beta k k^T then has eigenvalues in [0, 1].
- ``deltanet-neg``: DeltaNet with beta in [0, 2] (2 * sigmoid); eigenvalues in
  [-1, 1], so a single step can reflect (beta = 2 gives the Householder matrix
  I - 2 k k^T, a swap when k = (e_i - e_j) / sqrt 2).
- ``hybrid``: DeltaNet[-1,1] and attention layers alternating (even layers DeltaNet,
  odd layers attention), no position encoding (the recurrence carries order), so about
  the parameter count of the other two-layer models.

The Transformer's token embeddings are multiplied by sqrt(d_model) before the sinusoidal
positions are added (as in Vaswani et al.): embeddings start at std 0.1 (norm about 0.8 at
d_model 64) while a position vector has norm sqrt(d_model / 2), about 5.7, so without the
scale the positions swamp the tokens and the model barely sees what it reads.

DeltaNet computes q, k and v through a short causal convolution (width 4, with SiLU), as
the published implementation does. Its recurrence S_t = S_{t-1} (I - beta_t k_t k_t^T) + beta_t v_t k_t^T
is written twice: ``delta_rule`` token by token with ``lax.scan`` (the definition), and
``delta_rule_chunked``, the same recurrence DELTA_CHUNK tokens at a time in the WY/UT form of
Yang et al. (2024), which the models use (fewer sequential steps; the tests check it against
``delta_rule``).
"""

from __future__ import annotations

import math
from typing import Callable, Dict, Optional

import jax
import jax.numpy as jnp
import jax.scipy.linalg  # noqa: F401  (jax.scipy.linalg.solve_triangular in delta_rule_chunked)

ARCHITECTURES = ("transformer", "lstm", "deltanet", "deltanet-neg", "hybrid")

#: Display names, as the report shows them.
DISPLAY_NAMES = {
    "transformer": "Transformer",
    "lstm": "LSTM",
    "deltanet": "DeltaNet[0,1]",
    "deltanet-neg": "DeltaNet[-1,1]",
    "hybrid": "Hybrid",
}

#: Tokens per chunk of the chunked delta rule (the training and evaluation path; see delta_rule_chunked).
DELTA_CHUNK = 32

Params = Dict[str, object]


class ModelError(ValueError):
    """An unknown architecture or an inconsistent configuration."""


def default_config(vocab_size: int, d_model: int = 64, layers: int = 2, heads: int = 4,
                   positions: str = "rope") -> dict:
    """A configuration dict with every field ``init`` and ``apply`` read (``positions``: the Transformer's)."""
    config = {"vocab_size": int(vocab_size), "d_model": int(d_model), "layers": int(layers), "heads": int(heads),
              "positions": positions}
    config_positions(config)
    return config


# -- building blocks -----------------------------------------------------------------


def _dense(key, n_in: int, n_out: int) -> Params:
    # Scaled so activations keep unit variance at initialisation.
    return {"w": jax.random.normal(key, (n_in, n_out)) / math.sqrt(n_in), "b": jnp.zeros((n_out,))}


def _linear(p: Params, x):
    return x @ p["w"] + p["b"]


def _norm_params(d: int) -> Params:
    return {"scale": jnp.ones((d,)), "bias": jnp.zeros((d,))}


def _layer_norm(p: Params, x, eps: float = 1e-5):
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / jnp.sqrt(var + eps) * p["scale"] + p["bias"]


def _mlp_params(key, d: int) -> Params:
    k1, k2 = jax.random.split(key)
    return {"norm": _norm_params(d), "up": _dense(k1, d, 4 * d), "down": _dense(k2, 4 * d, d)}


def _mlp(p: Params, x):
    return _linear(p["down"], jax.nn.gelu(_linear(p["up"], _layer_norm(p["norm"], x))))


def sinusoidal_positions(length: int, d: int):
    """The fixed sinusoidal position encodings of Vaswani et al., shape [length, d]."""
    position = jnp.arange(length)[:, None]
    rate = jnp.exp(-math.log(10000.0) * jnp.arange(0, d, 2) / d)
    angles = position * rate[None, :]
    return jnp.zeros((length, d)).at[:, 0::2].set(jnp.sin(angles)).at[:, 1::2].set(jnp.cos(angles[:, : d // 2]))


# -- transformer ---------------------------------------------------------------------


def _attention_params(key, d: int) -> Params:
    kq, kk, kv, ko = jax.random.split(key, 4)
    return {"norm": _norm_params(d), "q": _dense(kq, d, d), "k": _dense(kk, d, d), "v": _dense(kv, d, d),
            "out": _dense(ko, d, d)}


def rotary(x):
    """Rotary position embedding (Su et al. 2021) of x [B, H, T, d_head]: pairs of channels rotated by
    angles proportional to the position, so q·k depends on the offset between two positions only."""
    length, d_head = x.shape[-2], x.shape[-1]
    rate = jnp.exp(-math.log(10000.0) * jnp.arange(0, d_head, 2) / d_head)
    angles = jnp.arange(length)[:, None] * rate[None, :]  # [T, d_head / 2]
    cos, sin = jnp.cos(angles), jnp.sin(angles)
    even, odd = x[..., 0::2], x[..., 1::2]
    return jnp.stack([even * cos - odd * sin, even * sin + odd * cos], axis=-1).reshape(x.shape)


def _attention(p: Params, x, heads: int, rope: bool = False):
    batch, length, d = x.shape
    h = _layer_norm(p["norm"], x)

    def split(y):
        return y.reshape(batch, length, heads, d // heads).transpose(0, 2, 1, 3)

    q, k, v = split(_linear(p["q"], h)), split(_linear(p["k"], h)), split(_linear(p["v"], h))
    if rope:
        q, k = rotary(q), rotary(k)
    scores = q @ k.transpose(0, 1, 3, 2) / math.sqrt(d // heads)
    causal = jnp.tril(jnp.ones((length, length), dtype=bool))
    scores = jnp.where(causal, scores, -1e30)
    y = jax.nn.softmax(scores, axis=-1) @ v
    return _linear(p["out"], y.transpose(0, 2, 1, 3).reshape(batch, length, d))


def _transformer_block_params(key, config: dict) -> Params:
    ka, km = jax.random.split(key)
    return {"mix": _attention_params(ka, config["d_model"]), "mlp": _mlp_params(km, config["d_model"])}


def _transformer_block(p: Params, x, config: dict, rope: bool = False):
    x = x + _attention(p["mix"], x, config["heads"], rope)
    return x + _mlp(p["mlp"], x)


# -- LSTM ----------------------------------------------------------------------------


def _lstm_block_params(key, config: dict) -> Params:
    d = config["d_model"]
    cell = _dense(key, 2 * d, 4 * d)
    # A forget-gate bias of 1 is the usual start: remember by default.
    cell["b"] = cell["b"].at[d: 2 * d].set(1.0)
    return {"norm": _norm_params(d), "cell": cell}


def _lstm_block(p: Params, x, config: dict):
    batch, _, d = x.shape
    inputs = _layer_norm(p["norm"], x)

    def step(carry, x_t):
        h, c = carry
        gates = _linear(p["cell"], jnp.concatenate([x_t, h], axis=-1))
        i, f, g, o = jnp.split(gates, 4, axis=-1)
        c = jax.nn.sigmoid(f) * c + jax.nn.sigmoid(i) * jnp.tanh(g)
        h = jax.nn.sigmoid(o) * jnp.tanh(c)
        return (h, c), h

    zeros = jnp.zeros((batch, d))
    _, hs = jax.lax.scan(step, (zeros, zeros), inputs.transpose(1, 0, 2))
    return x + hs.transpose(1, 0, 2)


# -- DeltaNet ------------------------------------------------------------------------


def delta_rule(q, k, v, beta, state=None):
    """Run the delta rule over one sequence of one head; returns (outputs [T, d_v], final state).

    ``q``, ``k``: [T, d_k] (``k`` expected L2-normalised), ``v``: [T, d_v], ``beta``: [T].
    The state S is [d_v, d_k] and evolves as S_t = S_{t-1} (I - beta_t k_t k_t^T) + beta_t v_t k_t^T,
    written as S_{t-1} + beta_t (v_t - S_{t-1} k_t) k_t^T so no d_k x d_k matrix is formed;
    the output is o_t = S_t q_t.
    """
    if state is None:
        state = jnp.zeros((v.shape[-1], k.shape[-1]), dtype=v.dtype)

    def step(s, inputs):
        q_t, k_t, v_t, b_t = inputs
        s = s + b_t * jnp.outer(v_t - s @ k_t, k_t)
        return s, s @ q_t

    final, outputs = jax.lax.scan(step, state, (q, k, v, beta))
    return outputs, final


def delta_rule_chunked(q, k, v, beta, state=None, chunk: int = DELTA_CHUNK):
    """``delta_rule`` computed ``chunk`` tokens at a time; the same outputs and final state.

    Within a chunk the state after token t is S_0 + sum_{i<=t} u_i k_i^T, where the pseudo-values
    u_i = beta_i (v_i - S_0 k_i - sum_{j<i} u_j k_j^T k_i) solve one unit lower-triangular system
    (I + diag(beta) tril(K K^T, -1)) U = diag(beta) (V - K S_0^T). Outputs are
    o_t = S_0 q_t + sum_{i<=t} u_i (k_i^T q_t). The sequence is padded to a whole number of
    chunks with beta = 0 and k = 0, which leave the state unchanged.
    """
    length, d_k = k.shape
    d_v = v.shape[-1]
    if state is None:
        state = jnp.zeros((d_v, d_k), dtype=v.dtype)
    chunks = -(-length // chunk)
    pad = chunks * chunk - length

    def blocks(x):
        x = jnp.pad(x, ((0, pad),) + ((0, 0),) * (x.ndim - 1))
        return x.reshape((chunks, chunk) + x.shape[1:])

    strict = jnp.tril(jnp.ones((chunk, chunk), dtype=bool), -1)
    inclusive = jnp.tril(jnp.ones((chunk, chunk), dtype=bool))
    eye = jnp.eye(chunk, dtype=v.dtype)

    def step(s, inputs):
        q_c, k_c, v_c, b_c = inputs
        system = eye + b_c[:, None] * jnp.where(strict, k_c @ k_c.T, 0.0)
        u = jax.scipy.linalg.solve_triangular(system, b_c[:, None] * (v_c - k_c @ s.T), lower=True,
                                              unit_diagonal=True)
        out = q_c @ s.T + jnp.where(inclusive, q_c @ k_c.T, 0.0) @ u
        return s + u.T @ k_c, out

    final, outputs = jax.lax.scan(step, state, (blocks(q), blocks(k), blocks(v), blocks(beta)))
    return outputs.reshape(chunks * chunk, d_v)[:length], final


def _l2_normalise(x, eps: float = 1e-6):
    return x / jnp.sqrt((x * x).sum(-1, keepdims=True) + eps)


#: Width of DeltaNet's short causal convolution (as in the published DeltaNet implementation).
CONV_WIDTH = 4


def _short_conv_params(key, d: int) -> Params:
    # Starts as the identity (all weight on the current token) plus a little noise.
    w = jnp.zeros((CONV_WIDTH, d)).at[0].set(1.0) + 0.1 * jax.random.normal(key, (CONV_WIDTH, d))
    return {"w": w}


def _short_conv(p: Params, x):
    """Depthwise causal convolution over time, then SiLU: position t sees tokens t-3..t."""
    out = x * p["w"][0]
    for shift in range(1, CONV_WIDTH):
        shifted = jnp.pad(x, ((0, 0), (shift, 0), (0, 0)))[:, : x.shape[1]]
        out = out + shifted * p["w"][shift]
    return jax.nn.silu(out)


def _deltanet_block_params(key, config: dict) -> Params:
    d = config["d_model"]
    kq, kk, kv, kb, ko, km, kc = jax.random.split(key, 7)
    kcq, kck, kcv = jax.random.split(kc, 3)
    return {"norm": _norm_params(d), "q": _dense(kq, d, d), "k": _dense(kk, d, d), "v": _dense(kv, d, d),
            "conv_q": _short_conv_params(kcq, d), "conv_k": _short_conv_params(kck, d),
            "conv_v": _short_conv_params(kcv, d),
            "beta": _dense(kb, d, config["heads"]), "out": _dense(ko, d, d), "mlp": _mlp_params(km, d)}


def _deltanet_block(p: Params, x, config: dict, beta_max: float, betas=None):
    batch, length, d = x.shape
    heads = config["heads"]
    h = _layer_norm(p["norm"], x)

    def split(y):  # [B, T, d] -> [B, H, T, d/H]
        return y.reshape(batch, length, heads, d // heads).transpose(0, 2, 1, 3)

    # With one token per character a key must see a few characters to name a variable, hence the
    # short convolution before the delta rule.
    q = _l2_normalise(split(_short_conv(p["conv_q"], _linear(p["q"], h))))
    k = _l2_normalise(split(_short_conv(p["conv_k"], _linear(p["k"], h))))
    v = split(_short_conv(p["conv_v"], _linear(p["v"], h)))
    beta = (beta_max * jax.nn.sigmoid(_linear(p["beta"], h))).transpose(0, 2, 1)  # [B, H, T]
    if betas is not None:  # the beta probe (see betas_of) collects them
        betas.append(beta)
    run = jax.vmap(jax.vmap(lambda q_, k_, v_, b_: delta_rule_chunked(q_, k_, v_, b_)[0]))
    y = run(q, k, v, beta).transpose(0, 2, 1, 3).reshape(batch, length, d)
    x = x + _linear(p["out"], y)
    return x + _mlp(p["mlp"], x)


# -- hybrid --------------------------------------------------------------------------
# init gives a block its layer index as config["_layer"] (never stored); apply tells the two kinds
# apart by their parameters (only a DeltaNet block has "beta").


def _hybrid_block_params(key, config: dict) -> Params:
    if config["_layer"] % 2 == 0:
        return _deltanet_block_params(key, config)
    return _transformer_block_params(key, config)


def _hybrid_block(p: Params, x, config: dict):
    if "beta" in p:
        return _deltanet_block(p, x, config, 2.0)
    return _transformer_block(p, x, config)


# -- the interface -------------------------------------------------------------------


POSITIONS = ("rope", "sinusoidal")


def config_positions(config: Optional[dict]) -> str:
    """The Transformer's position encoding in ``config`` (checkpoints without the field: sinusoidal)."""
    positions = (config or {}).get("positions", "sinusoidal")
    if positions not in POSITIONS:
        raise ModelError("unknown positions '%s' (expected rope or sinusoidal)" % positions)
    return positions


def _block_functions(architecture: str, config: Optional[dict] = None):
    if architecture == "transformer":
        rope = config_positions(config) == "rope"
        return _transformer_block_params, lambda p, x, c: _transformer_block(p, x, c, rope)
    if architecture == "lstm":
        return _lstm_block_params, _lstm_block
    if architecture == "deltanet":
        return _deltanet_block_params, lambda p, x, c: _deltanet_block(p, x, c, 1.0)
    if architecture == "deltanet-neg":
        return _deltanet_block_params, lambda p, x, c: _deltanet_block(p, x, c, 2.0)
    if architecture == "hybrid":
        return _hybrid_block_params, _hybrid_block
    raise ModelError("unknown architecture '%s' (expected one of %s)" % (architecture, ", ".join(ARCHITECTURES)))


def init(architecture: str, config: dict, key) -> Params:
    """Random initial parameters of ``architecture`` with ``config``."""
    block_params, _ = _block_functions(architecture, config)
    d = config["d_model"]
    if d % config["heads"] != 0:
        raise ModelError("d_model '%d' is not a multiple of heads '%d'" % (d, config["heads"]))
    keys = jax.random.split(key, config["layers"] + 2)
    params: Params = {
        "embed": jax.random.normal(keys[0], (config["vocab_size"], d)) * 0.1,
        "final_norm": _norm_params(d),
        "unembed": _dense(keys[1], d, config["vocab_size"]),
    }
    for i in range(config["layers"]):
        params["layer%d" % i] = block_params(keys[i + 2], dict(config, _layer=i))
    return params


def _embed(architecture: str, config: dict, params: Params, tokens):
    x = params["embed"][tokens]
    if architecture == "transformer":
        x = x * math.sqrt(config["d_model"])
        if config_positions(config) == "sinusoidal":
            x = x + sinusoidal_positions(tokens.shape[1], config["d_model"])[None]
    return x


def apply(architecture: str, config: dict, params: Params, tokens):
    """Logits [B, T, vocab] of the next token after each position of ``tokens`` [B, T]."""
    _, block = _block_functions(architecture, config)
    x = _embed(architecture, config, params, tokens)
    for i in range(config["layers"]):
        x = block(params["layer%d" % i], x, config)
    return _linear(params["unembed"], _layer_norm(params["final_norm"], x))


def betas_of(architecture: str, config: dict, params: Params, tokens):
    """The beta of every DeltaNet layer at every token: a dict layer index -> array [B, heads, T]."""
    if architecture not in ("deltanet", "deltanet-neg", "hybrid"):
        raise ModelError("architecture '%s' has no DeltaNet layers" % architecture)
    beta_max = 1.0 if architecture == "deltanet" else 2.0
    x = _embed(architecture, config, params, tokens)
    found = {}
    _, block = _block_functions(architecture, config)
    for i in range(config["layers"]):
        p = params["layer%d" % i]
        if "beta" in p:
            collected: list = []
            x = _deltanet_block(p, x, config, beta_max, collected)
            found[i] = collected[0]
        else:
            x = block(p, x, config)
    return found


def forward_function(architecture: str, config: dict) -> Callable:
    """``apply`` with the architecture and config bound, jit-compiled: ``f(params, tokens)``."""
    _block_functions(architecture, config)  # fail early on an unknown name
    return jax.jit(lambda params, tokens: apply(architecture, config, params, tokens))


def parameter_count(params: Params) -> int:
    """How many numbers the parameter tree holds."""
    return int(sum(leaf.size for leaf in jax.tree_util.tree_leaves(params)))
