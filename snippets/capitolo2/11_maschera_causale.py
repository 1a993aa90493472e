# La maschera causale: ogni token può guardare solo sé stesso e i token che lo precedono.
import matplotlib.pyplot as plt
import torch
import torch.nn.functional as F

torch.manual_seed(0)
parole = ["il", "gatto", "dorme", "sul", "divano"]
n, d = len(parole), 4
x = torch.randn(n, d)
W_q, W_k, W_v = (torch.randn(d, d) for _ in range(3))
Q, K, V = x @ W_q, x @ W_k, x @ W_v

punteggi = Q @ K.T / d**0.5
futuro = torch.triu(torch.ones(n, n, dtype=torch.bool), diagonal=1)  # True sopra la diagonale
mascherati = punteggi.masked_fill(futuro, float("-inf"))  # exp(-inf) = 0 nella softmax
pesi = torch.softmax(mascherati, dim=-1)

print("punteggi mascherati (riga = chi guarda)", tuple(mascherati.shape))
print(" " * 8 + "".join(f"{p:>8}" for p in parole))
for parola, riga in zip(parole, mascherati.tolist()):
    print(f"{parola:>8}" + "".join(f"{v:8.3f}" for v in riga))
somma_uno = torch.allclose(pesi.sum(dim=-1), torch.ones(n))
attesa = F.scaled_dot_product_attention(Q, K, V, is_causal=True)
uguale = torch.allclose(pesi @ V, attesa, atol=1e-6)
print("\nogni riga somma a 1:", somma_uno)
print("uguale a sdpa con is_causal=True:", uguale)
assert somma_uno and uguale and torch.all(pesi[futuro] == 0) and pesi[0, 0] == 1
mascherate, caselle = int(futuro.sum()), n * n  # la pagina cita questi valori

fig, ax = plt.subplots(figsize=(5, 4))
ax.imshow(pesi.numpy(), cmap="Blues", vmin=0, vmax=1)
ax.set_xticks(range(n), parole)
ax.set_yticks(range(n), parole)
ax.set_xlabel("parola guardata (chiave)")
ax.set_ylabel("parola che guarda (query)")
for i in range(n):
    for j in range(n):
        testo = "—" if futuro[i, j] else f"{pesi[i, j]:.2f}"
        ax.text(j, i, testo, ha="center", va="center", fontsize=8)
fig.tight_layout()
titolo = "Pesi di attenzione con la maschera causale"
fig.savefig("maschera_causale.png", dpi=110, metadata={"Title": titolo})
print("figura salvata: maschera_causale.png")
