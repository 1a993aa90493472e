# Soluzione: senza informazione di posizione, l'attenzione non vede l'ordine delle parole.
import torch

torch.manual_seed(0)
parole = ["il", "cane", "morde", "l'uomo"]
d = 4
vettore = {p: torch.randn(d) for p in parole}  # un embedding per parola, nessuna posizione
W_q, W_k, W_v = (torch.randn(d, d) for _ in range(3))


def attenzione(frase):
    x = torch.stack([vettore[p] for p in frase])
    Q, K, V = x @ W_q, x @ W_k, x @ W_v
    return torch.softmax(Q @ K.T / d**0.5, dim=-1) @ V


frase = ["il", "cane", "morde", "l'uomo"]
scambiata = ["l'uomo", "morde", "il", "cane"]
a, b = attenzione(frase), attenzione(scambiata)
for parola in ["cane", "l'uomo"]:
    uguale = torch.allclose(a[frase.index(parola)], b[scambiata.index(parola)], atol=1e-6)
    print(f"uscita di {'«' + parola + '»':<9} identica nelle due frasi: {uguale}")
