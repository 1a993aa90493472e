# RoPE: ruotare coppie di numeri di q e k di un angolo che dipende dalla posizione.
import matplotlib.pyplot as plt
import torch

torch.manual_seed(0)
d = 8  # numeri per vettore: 4 coppie, ognuna con la sua frequenza
theta = 10000 ** (-torch.arange(0, d, 2) / d)  # una frequenza per coppia (Su et al., 2021)


def ruota(x, pos):
    # la coppia (x[2i], x[2i+1]) ruota di un angolo pos * theta[i]
    angolo = pos * theta
    pari, dispari = x[..., 0::2], x[..., 1::2]
    ruotato = torch.empty_like(x)
    ruotato[..., 0::2] = pari * torch.cos(angolo) - dispari * torch.sin(angolo)
    ruotato[..., 1::2] = pari * torch.sin(angolo) + dispari * torch.cos(angolo)
    return ruotato


q, k = torch.randn(d, dtype=torch.float64), torch.randn(d, dtype=torch.float64)
print(f"{'pos. query':>10} {'pos. chiave':>11} {'distanza':>9} {'q·k ruotati':>12}")
for m, n in [(3, 1), (10, 8), (102, 100), (5, 5), (40, 40), (1, 3), (100, 102)]:
    print(f"{m:>10} {n:>11} {m - n:>9} {ruota(q, m) @ ruota(k, n):12.4f}")

# il prodotto dipende solo dalla distanza m - n, non da dove stanno i due token
for distanza in range(-20, 21):
    prodotti = torch.stack([ruota(q, n + distanza) @ ruota(k, n) for n in range(50)])
    assert torch.allclose(prodotti, prodotti[0], atol=1e-9)
# la distanza ha un segno: -2 e +2 danno prodotti diversi
assert not torch.isclose(ruota(q, 3) @ ruota(k, 1), ruota(q, 1) @ ruota(k, 3))
# una rotazione non cambia la lunghezza del vettore
assert torch.allclose(ruota(q, 7).norm(), q.norm())
# la stessa rotazione con i numeri complessi: la coppia è a + ib, moltiplicata per e^(i·pos·θ)
complesso = torch.view_as_complex(q.reshape(-1, 2).contiguous()) * torch.polar(
    torch.ones_like(theta), 7 * theta
)
assert torch.allclose(torch.view_as_real(complesso).flatten(), ruota(q, 7))
print("\nstesso prodotto per ogni coppia di posizioni alla stessa distanza: verificato")
print("lunghezza invariata e uguale alla moltiplicazione complessa: verificato")

# la figura: q = k = vettore di 1, d = 128, il prodotto al variare della distanza
d, theta = 128, 10000 ** (-torch.arange(0, 128, 2, dtype=torch.float64) / 128)
uno = torch.ones(d, dtype=torch.float64)
distanze = torch.arange(0, 257)
prodotti = [float(ruota(uno, int(r)) @ uno) for r in distanze]
fig, ax = plt.subplots(figsize=(6, 3.2))
ax.plot(distanze, prodotti)
ax.set_xlabel("distanza tra query e chiave (token)")
ax.set_ylabel("q·k dopo la rotazione")
fig.tight_layout()
fig.savefig("rope_distanza.png", dpi=110, metadata={"Title": "RoPE: prodotto q·k e distanza"})
print("figura salvata: rope_distanza.png")
