# «pesca» in tre frasi: stesso embedding d'ingresso, vettori diversi all'uscita dell'encoder.
import os

import matplotlib.pyplot as plt
import torch
import torch.nn.functional as F
from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

MODEL = os.environ.get("FLAN_T5_MODEL", "google/flan-t5-base")

tokenizer = AutoTokenizer.from_pretrained(MODEL)
model = AutoModelForSeq2SeqLM.from_pretrained(MODEL).eval()
frasi = {
    "frutto 1": "Ho comprato una pesca al mercato.",
    "frutto 2": "Ho mangiato una pesca matura.",
    "sport": "Domenica andiamo a pesca sul lago.",
}
pezzi = tokenizer(" pesca", add_special_tokens=False).input_ids  # i pezzi della parola
print("pezzi di «pesca»:", tokenizer.convert_ids_to_tokens(pezzi))

strati = {}  # per ogni frase: il vettore di «pesca» dopo ogni strato (0 = embedding)
for nome, frase in frasi.items():
    ids = tokenizer(frase, return_tensors="pt").input_ids
    lista = ids[0].tolist()
    inizio = next(i for i in range(len(lista)) if lista[i : i + len(pezzi)] == pezzi)
    with torch.inference_mode():
        uscita = model.get_encoder()(input_ids=ids, output_hidden_states=True)
    # più pezzi: la media dei loro vettori
    strati[nome] = [h[0, inizio : inizio + len(pezzi)].mean(0) for h in uscita.hidden_states]
    ingresso = model.get_input_embeddings()(ids)[0, inizio : inizio + len(pezzi)].mean(0)
    assert torch.equal(strati[nome][0], ingresso)  # lo strato 0 è l'embedding

# all'ingresso «pesca» ha lo stesso vettore in ogni frase, per qualunque modello
assert all(torch.equal(v[0], strati["frutto 1"][0]) for v in strati.values())
print("embedding d'ingresso identici nelle tre frasi: verificato\n")


def coseno(a, b, strato):
    return F.cosine_similarity(strati[a][strato], strati[b][strato], dim=0).item()


coppie = [("frutto 1", "frutto 2"), ("frutto 1", "sport"), ("frutto 2", "sport")]
print(f"{'coppia':<22}{'ingresso':>10}{'uscita encoder':>16}")
for a, b in coppie:
    print(f"{a + ' / ' + b:<22}{coseno(a, b, 0):>10.3f}{coseno(a, b, -1):>16.3f}")

fig, ax = plt.subplots(figsize=(6, 3.4))
for a, b in coppie:
    ax.plot([coseno(a, b, s) for s in range(len(strati[a]))], "o-", label=f"{a} / {b}")
ax.set(xlabel="strato dell'encoder (0 = embedding d'ingresso)", ylabel="coseno tra i vettori")
ax.set_xticks(range(len(strati["sport"])))
ax.legend()
fig.tight_layout()
fig.savefig("pesca_per_strato.png", dpi=110, metadata={"Title": "«pesca» strato per strato"})
print("figura salvata: pesca_per_strato.png")
