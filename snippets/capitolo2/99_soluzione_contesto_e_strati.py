# Soluzione: il piccolo GPT con altri contesti e strati; i parametri con la formula, e la perdita.
from pathlib import Path

import torch
import torch.nn as nn
import torch.nn.functional as F

torch.set_num_threads(1)
testo = Path("data/guida.txt").read_text(encoding="utf-8")
caratteri = sorted(set(testo))
da_carattere = {c: i for i, c in enumerate(caratteri)}
dati = torch.tensor([da_carattere[c] for c in testo])
taglio, V, D, TESTE, PASSI, BATCH = int(0.9 * len(dati)), len(caratteri), 64, 4, 300, 32


class Blocco(nn.Module):  # lo stesso blocco pre-norm della pagina
    def __init__(self):
        super().__init__()
        self.norma1, self.norma2 = nn.LayerNorm(D), nn.LayerNorm(D)
        self.qkv, self.proiezione = nn.Linear(D, 3 * D), nn.Linear(D, D)
        self.ff = nn.Sequential(nn.Linear(D, 4 * D), nn.GELU(), nn.Linear(4 * D, D))

    def forward(self, x):
        b, n, _ = x.shape
        q, k, v = self.qkv(self.norma1(x)).view(b, n, 3, TESTE, D // TESTE).permute(2, 0, 3, 1, 4)
        a = F.scaled_dot_product_attention(q, k, v, is_causal=True)
        x = x + self.proiezione(a.transpose(1, 2).reshape(b, n, D))
        return x + self.ff(self.norma2(x))


class PiccoloGPT(nn.Module):  # come nella pagina, con contesto e strati come argomenti
    def __init__(self, contesto, strati):
        super().__init__()
        self.token, self.posizione = nn.Embedding(V, D), nn.Embedding(contesto, D)
        self.blocchi = nn.Sequential(*[Blocco() for _ in range(strati)])
        self.norma, self.testa = nn.LayerNorm(D), nn.Linear(D, V, bias=False)
        self.testa.weight = self.token.weight
        for e in (self.token, self.posizione):
            nn.init.normal_(e.weight, std=0.02)

    def forward(self, ids):
        x = self.token(ids) + self.posizione(torch.arange(ids.shape[1]))
        return self.testa(self.norma(self.blocchi(x)))


def esempi(parte, contesto, g):
    inizi = torch.randint(len(parte) - contesto - 1, (BATCH,), generator=g).tolist()
    x = torch.stack([parte[i : i + contesto] for i in inizi])
    return x, torch.stack([parte[i + 1 : i + contesto + 1] for i in inizi])


print(f"{'contesto':>8} {'strati':>6} {'parametri':>9} {'formula':>9} {'validazione':>11}")
for contesto, strati in [(8, 2), (64, 2)]:
    torch.manual_seed(0)
    modello = PiccoloGPT(contesto, strati)
    ottimizzatore = torch.optim.AdamW(modello.parameters(), lr=3e-3)
    g = torch.Generator().manual_seed(1)
    for _ in range(PASSI):
        x, y = esempi(dati[:taglio], contesto, g)
        ottimizzatore.zero_grad()
        F.cross_entropy(modello(x).view(-1, V), y.view(-1)).backward()
        ottimizzatore.step()
    g = torch.Generator().manual_seed(2)
    with torch.no_grad():  # la stessa quantità di testo di validazione per ogni contesto
        batch_val = [esempi(dati[taglio:], contesto, g) for _ in range(8 * 64 // contesto)]
        val = [F.cross_entropy(modello(x).view(-1, V), y.view(-1)).item() for x, y in batch_val]
    # embedding (V·D, condivisi con la testa) + posizioni + 12·D² + 13·D per blocco + norma finale
    formula = V * D + contesto * D + strati * (12 * D * D + 13 * D) + 2 * D
    contati = sum(p.numel() for p in modello.parameters())
    print(f"{contesto:>8} {strati:>6} {contati:>9} {formula:>9} {sum(val) / len(val):>11.2f}")
    assert contati == formula
