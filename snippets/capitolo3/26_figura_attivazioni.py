# Le attivazioni salvate per il backward al crescere dell'ingresso, con e senza checkpointing.
import os

import matplotlib.pyplot as plt
import torch
from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

MODEL = os.environ.get("FLAN_T5_MODEL", "google/flan-t5-base")
LUNGHEZZE = [16, 32, 64, 128]  # token dell'ingresso

tokenizer = AutoTokenizer.from_pretrained(MODEL)
model = AutoModelForSeq2SeqLM.from_pretrained(MODEL).train()
testo = "Recensione: Il servizio era lento e il cibo freddo, ma il dolce era buono. " * 20
tutti = tokenizer(testo, return_tensors="pt").input_ids  # più token di quanti ne servono
etichette = tokenizer(["negativo"], return_tensors="pt").input_ids
pesi = {p.untyped_storage().data_ptr() for p in model.parameters()}


def byte_salvati(lunghezza):
    """I byte che il forward salva per il backward (i pesi esclusi), come nello snippet 16."""
    salvati = {}

    def impacchetta(t):
        if t.untyped_storage().data_ptr() not in pesi:
            salvati[t.untyped_storage().data_ptr()] = t.untyped_storage().nbytes()
        return t

    torch.manual_seed(0)
    with torch.autograd.graph.saved_tensors_hooks(impacchetta, lambda t: t):
        model(input_ids=tutti[:, :lunghezza], labels=etichette, use_cache=False).loss.backward()
    model.zero_grad()
    return sum(salvati.values()) / 2**20  # in MiB


senza = [byte_salvati(n) for n in LUNGHEZZE]
model.activation_checkpointing_enable()
con = [byte_salvati(n) for n in LUNGHEZZE]
print(f"{'token':>6}{'senza (MiB)':>14}{'con (MiB)':>12}")
for n, a, b in zip(LUNGHEZZE, senza, con):
    print(f"{n:>6}{a:>14.2f}{b:>12.2f}")
assert all(b < a for a, b in zip(senza, con))  # con il checkpointing sempre di meno
fig, ax = plt.subplots(figsize=(5, 3))
ax.plot(LUNGHEZZE, senza, marker="o", label="senza checkpointing")
ax.plot(LUNGHEZZE, con, marker="o", label="con checkpointing")
ax.set_xlabel("token dell'ingresso"), ax.set_ylabel("attivazioni salvate (MiB)"), ax.legend()
fig.tight_layout()
titolo = "Attivazioni salvate per il backward al crescere dell'ingresso, con e senza checkpointing"
fig.savefig("attivazioni_lunghezza.png", dpi=110, metadata={"Title": titolo})
print("\nfigura salvata: attivazioni_lunghezza.png")
