# Il piccolo GPT addestrato: la curva della perdita e quattro modi di generare.
import math
from pathlib import Path

import matplotlib.pyplot as plt
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)
torch.set_num_threads(1)  # un solo thread: due esecuzioni danno gli stessi numeri
testo = Path("data/guida.txt").read_text(encoding="utf-8")
caratteri = sorted(set(testo))
da_carattere = {c: i for i, c in enumerate(caratteri)}
dati = torch.tensor([da_carattere[c] for c in testo])
taglio = int(0.9 * len(dati))  # 90% per addestrare, 10% per la validazione
V, CONTESTO, D, STRATI, TESTE, PASSI, BATCH = len(caratteri), 64, 64, 4, 4, 600, 32


class Blocco(nn.Module):  # pre-norm: x + attenzione(norma(x)), poi x + feed-forward(norma(x))
    def __init__(self):
        super().__init__()
        self.norma1, self.norma2 = nn.LayerNorm(D), nn.LayerNorm(D)
        self.qkv, self.proiezione = nn.Linear(D, 3 * D), nn.Linear(D, D)
        self.ff = nn.Sequential(nn.Linear(D, 4 * D), nn.GELU(), nn.Linear(4 * D, D))

    def forward(self, x):
        b, n, _ = x.shape
        q, k, v = self.qkv(self.norma1(x)).view(b, n, 3, TESTE, D // TESTE).permute(2, 0, 3, 1, 4)
        a = F.scaled_dot_product_attention(q, k, v, is_causal=True)  # (b, teste, n, d_k)
        x = x + self.proiezione(a.transpose(1, 2).reshape(b, n, D))
        return x + self.ff(self.norma2(x))


class PiccoloGPT(nn.Module):
    def __init__(self):
        super().__init__()
        self.token, self.posizione = nn.Embedding(V, D), nn.Embedding(CONTESTO, D)
        self.blocchi = nn.Sequential(*[Blocco() for _ in range(STRATI)])
        self.norma, self.testa = nn.LayerNorm(D), nn.Linear(D, V, bias=False)
        self.testa.weight = self.token.weight  # come GPT-2: una matrice per entrare e uscire
        for e in (self.token, self.posizione):
            nn.init.normal_(e.weight, std=0.02)  # piccoli: all'inizio nessun carattere è favorito

    def forward(self, ids):  # (batch, n) -> logit (batch, n, V)
        x = self.token(ids) + self.posizione(torch.arange(ids.shape[1]))
        return self.testa(self.norma(self.blocchi(x)))


def esempi(parte, g):  # BATCH finestre a caso; il bersaglio è l'ingresso spostato di uno
    inizi = torch.randint(len(parte) - CONTESTO - 1, (BATCH,), generator=g).tolist()
    x = torch.stack([parte[i : i + CONTESTO] for i in inizi])
    return x, torch.stack([parte[i + 1 : i + CONTESTO + 1] for i in inizi])


def perdita(x, y):
    return F.cross_entropy(modello(x).view(-1, V), y.view(-1))


@torch.no_grad()
def stima(parte):  # perdita media su 8 batch, sempre gli stessi per la stessa parte
    g = torch.Generator().manual_seed(2)
    return sum(perdita(*esempi(parte, g)).item() for _ in range(8)) / 8


modello = PiccoloGPT()
ottimizzatore = torch.optim.AdamW(modello.parameters(), lr=3e-3)
g = torch.Generator().manual_seed(1)
curva = []
for passo in range(PASSI + 1):
    if passo % 50 == 0:  # ogni 50 passi misuriamo la perdita sulle due parti del testo
        curva.append((passo, stima(dati[:taglio]), stima(dati[taglio:])))
    if passo < PASSI:
        ottimizzatore.zero_grad()
        perdita(*esempi(dati[:taglio], g)).backward()  # i gradienti di tutti i parametri
        ottimizzatore.step()

parametri = sum(p.numel() for p in modello.parameters())  # la pagina cita questo valore
print(f"parametri: {parametri}, log(V) = {math.log(V):.2f}")
for passo, tr, val in curva[::3]:
    print(f"passo {passo:>4}  perdita addestramento {tr:.2f}  validazione {val:.2f}")
assert abs(curva[0][2] - math.log(V)) < 0.1  # all'inizio: come tirare a indovinare
assert curva[-1][2] < curva[0][2] and curva[-1][2] < math.log(V)

fig, ax = plt.subplots(figsize=(6, 3.6))
passi, tr, val = zip(*curva)
ax.plot(passi, tr, label="addestramento")
ax.plot(passi, val, label="validazione (testo mai visto)")
ax.axhline(math.log(V), color="gray", linestyle="--", label="log(V): caratteri a caso")
ax.set(xlabel="passo di addestramento", ylabel="entropia incrociata")
ax.legend()
fig.tight_layout()
titolo = "La perdita del piccolo GPT durante l'addestramento"
fig.savefig("perdita_piccolo_gpt.png", dpi=110, metadata={"Title": titolo})


@torch.no_grad()
def genera(inizio, temperatura, top_k, top_p, n=100):
    g, ids = torch.Generator().manual_seed(0), [da_carattere[c] for c in inizio]
    for _ in range(n):
        logit = modello(torch.tensor([ids[-CONTESTO:]]))[0, -1]  # solo l'ultima posizione
        if temperatura == 0:  # greedy: il carattere più probabile
            ids.append(logit.argmax().item())
            continue
        p = torch.softmax(logit / temperatura, dim=-1)
        if top_k:  # tiene solo i top_k caratteri più probabili
            p[p < p.topk(top_k).values[-1]] = 0
        if top_p < 1:  # top-p: il gruppo più piccolo di caratteri con probabilità totale top_p
            ordinate, indici = p.sort(descending=True)
            p[indici[ordinate.cumsum(0) - ordinate >= top_p * p.sum()]] = 0
        ids.append(torch.multinomial(p / p.sum(), 1, generator=g).item())
    return "".join(caratteri[i] for i in ids).replace("\n", " ¶ ")


modello.eval()
modi = [
    ("greedy", 0, 0, 1),
    ("temperatura 0,8", 0.8, 0, 1),
    ("top-k 5", 1, 5, 1),
    ("top-p 0,9", 1, 0, 0.9),
]
for nome, temperatura, top_k, top_p in modi:  # stesso inizio, stesso seme
    print(f"\n{nome}: {genera('Il modello ', temperatura, top_k, top_p)!r}")
