# Quanto lavoro va sprecato in padding: batch nell'ordine del file o ordinati per lunghezza.
import csv
import os

import matplotlib.pyplot as plt
from transformers import AutoTokenizer

MODEL = os.environ.get("FLAN_T5_MODEL", "google/flan-t5-base")
PROMPT = (
    "Classifica il sentiment del testo come positivo, negativo o neutro.\nTesto: {testo}\nRisposta:"
)
DIMENSIONI = [1, 4, 8, 16, 32, 64]

tokenizer = AutoTokenizer.from_pretrained(MODEL)
with open("data/sentiment.csv", encoding="utf-8", newline="") as f:
    righe = [r for r in csv.DictReader(f) if r["parte"] == "sviluppo"]
lunghezze = [len(tokenizer(PROMPT.format(testo=r["testo_it"])).input_ids) for r in righe]


def quota_padding(lunghezze, batch_size):
    """Frazione delle posizioni elaborate che sono <pad>: ogni batch è lungo quanto il più lungo."""
    batch = [lunghezze[i : i + batch_size] for i in range(0, len(lunghezze), batch_size)]
    posizioni = sum(len(b) * max(b) for b in batch)
    return 1 - sum(lunghezze) / posizioni


print(f"prompt: {len(lunghezze)}, token da {min(lunghezze)} a {max(lunghezze)}")
print(f"{'batch':>6}{'ordine del file':>17}{'per lunghezza':>15}")
quote = {"ordine del file": [], "per lunghezza": []}
for b in DIMENSIONI:
    quote["ordine del file"].append(quota_padding(lunghezze, b))
    quote["per lunghezza"].append(quota_padding(sorted(lunghezze), b))
    print(f"{b:>6}{quote['ordine del file'][-1]:>17.3f}{quote['per lunghezza'][-1]:>15.3f}")

fig, ax = plt.subplots(figsize=(6, 3.5))
for nome, valori in quote.items():
    ax.plot(DIMENSIONI, valori, marker="o", label=nome)
ax.set_xscale("log", base=2)
ax.set_xticks(DIMENSIONI, [str(b) for b in DIMENSIONI])
ax.set_xlabel("dimensione del batch")
ax.set_ylabel("quota di padding")
ax.legend()
fig.tight_layout()
titolo = f"Quota di posizioni di padding per dimensione del batch, {len(righe)} prompt italiani"
fig.savefig("padding.png", dpi=110, metadata={"Title": titolo})
print("\nfigura salvata: padding.png")

# I valori che la pagina cita: le quote di padding con batch da 32
padding_32_file = quote["ordine del file"][DIMENSIONI.index(32)]
padding_32_ordinati = quote["per lunghezza"][DIMENSIONI.index(32)]
token_min, token_max = min(lunghezze), max(lunghezze)
