# Il conto di ZeRO (16 byte per parametro con Adam) su Flan-T5-base e su modelli più grandi.
import math

import torch
from transformers import T5Config, T5ForConditionalGeneration

# Le forme di Flan-T5-base (T5 v1.1 base). Sul dispositivo "meta" i tensori hanno forma e tipo
# ma nessun dato: si contano i parametri senza allocare un byte.
config = T5Config(
    vocab_size=32128,
    d_model=768,
    d_kv=64,
    d_ff=2048,
    num_layers=12,
    num_heads=12,
    feed_forward_proj="gated-gelu",
)
with torch.device("meta"):
    modello = T5ForConditionalGeneration(config)
n_base = sum(p.numel() for p in modello.parameters())
if modello.lm_head.weight is modello.shared.weight:  # qui transformers lega le due matrici,
    n_base += modello.lm_head.weight.numel()  # Flan-T5 ne ha due: contiamo anche lm_head
assert abs(n_base * 4 / 990e6 - 1) < 0.005  # in float32: il file di 990 MB su Hugging Face

# byte per parametro in precisione mista con Adam (Rajbhandari et al., §3.1)
PARTI = {"pesi bf16": 2, "gradienti bf16": 2, "copia fp32 dei pesi": 4, "momenti di Adam": 8}
modelli = {
    "Flan-T5-base": n_base,
    "GPT-2 1.5B": 1.5e9,
    "LLaMA 7B": 7e9,
    "LLaMA 65B": 65e9,
    "GPT-3 175B": 175e9,
}
print(f"{'modello':<14}{'parametri':>17}{'solo pesi bf16':>16}{'addestramento':>15}")
gb = {}
for nome, n in modelli.items():
    gb[nome] = n * sum(PARTI.values()) / 1e9
    print(f"{nome:<14}{n:>17,.0f}{n * 2 / 1e9:>13.1f} GB{gb[nome]:>12.1f} GB")
assert gb["GPT-2 1.5B"] == 24  # i «almeno 24 GB» dell'articolo di ZeRO
# la pagina cita questi valori: i GB di Flan-T5-base e di LLaMA 65B, e quante GPU da 80 GB
gb_base, gb_65b = gb["Flan-T5-base"], round(gb["LLaMA 65B"])
gpu_65b = math.ceil(gb["LLaMA 65B"] / 80)
