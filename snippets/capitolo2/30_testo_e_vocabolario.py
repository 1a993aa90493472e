# Il testo per il piccolo GPT: un vocabolario di caratteri e le coppie ingresso/bersaglio.
from pathlib import Path

import torch

testo = Path("data/guida.txt").read_text(encoding="utf-8")
caratteri = sorted(set(testo))  # il vocabolario: ogni carattere diverso, in ordine
da_carattere = {c: i for i, c in enumerate(caratteri)}


def codifica(s):
    return [da_carattere[c] for c in s]


def decodifica(ids):
    return "".join(caratteri[i] for i in ids)


dati = torch.tensor(codifica(testo))
taglio = int(0.9 * len(dati))  # il primo 90% per addestrare, il resto per la validazione
addestramento, validazione = dati[:taglio], dati[taglio:]
print(f"caratteri nel testo: {len(testo)}, vocabolario: {len(caratteri)} caratteri")
print(f"addestramento: {len(addestramento)}, validazione: {len(validazione)}")
assert decodifica(codifica(testo)) == testo  # codifica e decodifica non perdono nulla

# un esempio: il bersaglio è l'ingresso spostato di una posizione
contesto = 16
x, y = dati[100 : 100 + contesto], dati[101 : 101 + contesto]
print("ingresso :", repr(decodifica(x.tolist())))
print("bersaglio:", repr(decodifica(y.tolist())))
for t in range(4):
    print(f"  dopo {decodifica(x[: t + 1].tolist())!r:<8} viene {decodifica([y[t].item()])!r}")
