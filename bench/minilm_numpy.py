"""A BERT-style sentence encoder run with numpy alone, for reference benchmarks only.

Loads a sentence-transformers folder (`model.safetensors`, `tokenizer.json`, `config.json`) and computes
mean-pooled, L2-normalised sentence embeddings — the same arithmetic as sentence-transformers, without
torch. It exists so `bench/embedding_reference.py` can measure a general-purpose embedding model against
the product's normaliser on a machine where torch cannot be installed. The product never imports it.

Needs `safetensors` and `tokenizers` (see bench/embedding_reference.py for the install line).
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
from scipy.special import erf


class NumpySentenceEncoder:
    def __init__(self, folder: Path, max_tokens: int = 64):
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        folder = Path(folder)
        config = json.loads((folder / "config.json").read_text())
        self.layers = int(config["num_hidden_layers"])
        self.heads = int(config["num_attention_heads"])
        self.eps = float(config.get("layer_norm_eps", 1e-12))
        weights = load_file(str(folder / "model.safetensors"))
        self.w = {name.removeprefix("bert."): value.astype(np.float32) for name, value in weights.items()}
        self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        # The shipped tokenizer pads every input to 128 tokens; titles are a handful of words.
        self.tokenizer.no_padding()
        self.tokenizer.enable_truncation(max_tokens)

    def _layer_norm(self, x, name):
        mean = x.mean(-1, keepdims=True)
        var = ((x - mean) ** 2).mean(-1, keepdims=True)
        return (x - mean) / np.sqrt(var + self.eps) * self.w[name + ".weight"] + self.w[name + ".bias"]

    def _linear(self, x, name):
        return x @ self.w[name + ".weight"].T + self.w[name + ".bias"]

    def encode(self, texts: list[str]) -> np.ndarray:
        encoded = self.tokenizer.encode_batch(texts)
        length = max(len(e.ids) for e in encoded)
        ids = np.zeros((len(texts), length), dtype=np.int64)
        mask = np.zeros((len(texts), length), dtype=np.float32)
        for i, e in enumerate(encoded):
            ids[i, : len(e.ids)] = e.ids
            mask[i, : len(e.ids)] = 1.0
        w = self.w
        x = (
            w["embeddings.word_embeddings.weight"][ids]
            + w["embeddings.position_embeddings.weight"][:length][None]
            + w["embeddings.token_type_embeddings.weight"][0]
        )
        x = self._layer_norm(x, "embeddings.LayerNorm")
        batch, hidden = len(texts), x.shape[-1]
        size = hidden // self.heads
        padding = (1.0 - mask)[:, None, None, :] * -1e4
        for layer in range(self.layers):
            p = f"encoder.layer.{layer}."

            def heads(t):
                return t.reshape(batch, length, self.heads, size).transpose(0, 2, 1, 3)

            q = heads(self._linear(x, p + "attention.self.query"))
            k = heads(self._linear(x, p + "attention.self.key"))
            v = heads(self._linear(x, p + "attention.self.value"))
            scores = q @ k.transpose(0, 1, 3, 2) / np.sqrt(size) + padding
            scores = np.exp(scores - scores.max(-1, keepdims=True))
            scores /= scores.sum(-1, keepdims=True)
            context = (scores @ v).transpose(0, 2, 1, 3).reshape(batch, length, hidden)
            attended = x + self._linear(context, p + "attention.output.dense")
            x = self._layer_norm(attended, p + "attention.output.LayerNorm")
            inner = self._linear(x, p + "intermediate.dense")
            inner = 0.5 * inner * (1.0 + erf(inner / np.sqrt(2.0)))
            x = self._layer_norm(x + self._linear(inner, p + "output.dense"), p + "output.LayerNorm")
        pooled = (x * mask[..., None]).sum(1) / mask.sum(1, keepdims=True)
        return pooled / np.linalg.norm(pooled, axis=1, keepdims=True)

    def encode_many(self, texts: list[str], batch_size: int = 256) -> np.ndarray:
        """Encode in batches of similar length (less padding)."""
        order = np.argsort([len(t) for t in texts], kind="stable")
        out = None
        for start in range(0, len(texts), batch_size):
            chunk = order[start : start + batch_size]
            vectors = self.encode([texts[i] for i in chunk])
            if out is None:
                out = np.zeros((len(texts), vectors.shape[1]), dtype=np.float32)
            out[chunk] = vectors
        return out if out is not None else np.zeros((0, 0), dtype=np.float32)
