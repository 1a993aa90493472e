# Quanto costa uno strato al crescere del contesto: FLOP e memoria contati, non cronometrati.
import matplotlib.pyplot as plt
import torch
import torch.nn.functional as F
from torch.utils.flop_counter import FlopCounterMode


def flop_strato(n, d, d_ff):
    # FLOP di uno strato su n token (una moltiplicazione e una somma = 2 FLOP)
    # W_q, W_k, W_v, W_o, poi le 3 matrici del feed-forward: crescono con n
    lineari = 2 * n * d * d * 4 + 2 * n * d * d_ff * 3
    attenzione = 2 * n * n * d * 2  # Q·Kᵀ e pesi·V: crescono con n²
    return lineari, attenzione


# il conto a mano coincide con quello di PyTorch su uno strato piccolo
torch.manual_seed(0)
n, d, d_ff, teste = 64, 32, 48, 4
x = torch.randn(n, d)
W = [torch.randn(d, d) for _ in range(4)] + [torch.randn(d, d_ff) for _ in range(2)]
W_ff_o = torch.randn(d_ff, d)
with FlopCounterMode(display=False) as contatore:
    q, k, v = ((x @ w).view(n, teste, -1).transpose(0, 1) for w in W[:3])  # (teste, n, d_k)
    a = F.scaled_dot_product_attention(q, k, v).transpose(0, 1).reshape(n, d) @ W[3]
    (F.gelu(a @ W[4]) * (a @ W[5])) @ W_ff_o
assert contatore.get_total_flops() == sum(flop_strato(n, d, d_ff))
print("conto a mano uguale a FlopCounterMode di PyTorch:", contatore.get_total_flops(), "FLOP")

# le misure di uno strato dell'encoder di Flan-T5-base: d_model 768, d_ff 2048, 12 teste
d, d_ff, teste = 768, 2048, 12
print(f"\n{'token':>7}{'GFLOP lineari':>15}{'GFLOP attenzione':>18}{'quota attenz.':>15}")
contesti = [2**i for i in range(7, 18)]
for n in contesti[::2]:
    lin, att = flop_strato(n, d, d_ff)
    print(f"{n:>7}{lin / 1e9:>15.1f}{att / 1e9:>18.1f}{att / (lin + att):>15.0%}")
pari = next(n for n in range(1, 10**6) if flop_strato(n, d, d_ff)[1] >= flop_strato(n, d, d_ff)[0])
print(f"l'attenzione supera il resto dello strato da {pari} token")
assert pari == 2 * d + 3 * d_ff // 2  # il punto che la formula dà a mano: n = 2d + 1,5 d_ff

fig, (sx, dx) = plt.subplots(1, 2, figsize=(9, 3.6))
sx.loglog(contesti, [flop_strato(n, d, d_ff)[0] for n in contesti], "o-", label="parti lineari")
sx.loglog(contesti, [flop_strato(n, d, d_ff)[1] for n in contesti], "s-", label="Q·Kᵀ e pesi·V")
sx.set(xlabel="token nel contesto", ylabel="FLOP per strato", title="calcolo")
# memoria: la matrice dei pesi (n × n per testa) contro chiavi e valori (n × d ciascuno), 16 bit
dx.loglog(contesti, [2 * n * d * 2 for n in contesti], "o-", label="chiavi e valori")
dx.loglog(contesti, [teste * n * n * 2 for n in contesti], "s-", label="pesi di attenzione")
dx.set(xlabel="token nel contesto", ylabel="byte per strato", title="memoria")
for ax in (sx, dx):
    ax.legend()
fig.tight_layout()
fig.savefig("costo_contesto.png", dpi=110, metadata={"Title": "Costo di uno strato e contesto"})
print("figura salvata: costo_contesto.png")
