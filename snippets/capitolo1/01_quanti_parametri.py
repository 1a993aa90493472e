# Quanti parametri ha il modello che usi, e dove si colloca tra i modelli famosi.
import os

import matplotlib.pyplot as plt
from transformers import AutoModelForSeq2SeqLM

MODEL = os.environ.get("FLAN_T5_MODEL", "google/flan-t5-base")

model = AutoModelForSeq2SeqLM.from_pretrained(MODEL)
n_parametri = sum(p.numel() for p in model.parameters())
c = model.config
print(f"parametri:           {n_parametri:,}".replace(",", " "))
print(f"strati enc. + dec.:  {c.num_layers} + {c.num_decoder_layers}")
print(f"d_model, teste:      {c.d_model}, {c.num_heads}")
print(f"vocab_size:          {c.vocab_size} righe (embedding e logit)")

# Dimensioni dichiarate nelle fonti (miliardi di parametri):
# Flan-T5: Chung et al., arXiv:2210.11416, Tabella 2; GPT-3: Brown et al., arXiv:2005.14165;
# LLaMA: Touvron et al., arXiv:2302.13971.
noti = {
    "Flan-T5-small": 0.08,
    "Flan-T5-base": 0.25,
    "Flan-T5-large": 0.78,
    "Flan-T5-XL": 3,
    "LLaMA-7B": 7,
    "Flan-T5-XXL": 11,
    "LLaMA-65B": 65,
    "GPT-3": 175,
}
nomi = [*noti, "modello di questa build"]
valori = [*noti.values(), n_parametri / 1e9]
fig, ax = plt.subplots(figsize=(7, 4))
colori = ["#9fa8da"] * len(noti) + ["#e65100"]
ax.barh(nomi, valori, color=colori)
ax.set_xscale("log")
ax.set_xlabel("miliardi di parametri (scala logaritmica)")
ax.invert_yaxis()
fig.tight_layout()
titolo = "Parametri del modello di questa build accanto a modelli noti"
fig.savefig("parametri.png", dpi=110, metadata={"Title": titolo})
print("\nfigura salvata: parametri.png")
