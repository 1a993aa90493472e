# Il conto di ZeRO (16 byte per parametro con Adam) su Flan-T5-base e su modelli più grandi.
import math

import matplotlib.pyplot as plt
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

# la figura: i byte per parametro, pezzo per pezzo, in float32 e in precisione mista
colori = {"pesi": "#3f51b5", "gradienti": "#9fa8da", "copia fp32 dei pesi": "#ffb74d"}
colori["momenti di Adam"] = "#c2185b"
barre = {"float32": {"pesi": 4, "gradienti": 4, "momenti di Adam": 8}}
barre["precisione mista"] = {nome.removesuffix(" bf16"): b for nome, b in PARTI.items()}
fig, ax = plt.subplots(figsize=(6, 2.4))
for riga, (barra, parti) in enumerate(barre.items()):
    sinistra = 0
    for parte, b in parti.items():
        ax.barh(barra, b, left=sinistra, color=colori[parte], label=parte if riga else None)
        ax.text(sinistra + b / 2, riga, str(b), ha="center", va="center", color="white")
        sinistra += b
ax.set_xlabel("byte per parametro, con Adam")
ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.3), ncol=4, frameon=False, fontsize=8)
fig.savefig(
    "byte_per_parametro.png",
    dpi=110,
    bbox_inches="tight",
    metadata={"Title": "Byte per parametro con Adam, in float32 e in precisione mista"},
)
print("\nfigura salvata: byte_per_parametro.png")
