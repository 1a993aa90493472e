# La codifica sinusoidale dell'articolo (sin e cos alternati) e quella calcolata come Tensor2Tensor.
import math

import matplotlib.pyplot as plt
import torch

posizioni, d_model = 50, 64
pos = torch.arange(posizioni).unsqueeze(1)  # (50, 1)

# l'articolo: la coppia i ha frequenza 1/10000^(2i/d_model); sin sulle dimensioni pari, cos dispari
freq_articolo = 1 / 10000 ** (torch.arange(0, d_model, 2) / d_model)  # (32,)
angoli = pos * freq_articolo  # (50, 32)
pe = torch.zeros(posizioni, d_model)
pe[:, 0::2], pe[:, 1::2] = torch.sin(angoli), torch.cos(angoli)
# la colonna 0 è sin(pos); alla posizione 0 ogni coseno vale 1
assert torch.equal(pe[:, 0], torch.sin(pos[:, 0].float())) and torch.all(pe[0, 1::2] == 1)

# Tensor2Tensor, get_timing_signal_1d: scale di tempo da 1 a 10000 con passo log(10000/1)/(d/2 - 1),
# poi tutti i sin e tutti i cos
passo = math.log(10000 / 1) / (d_model // 2 - 1)
freq_t2t = torch.exp(-passo * torch.arange(d_model // 2))  # (32,): 1/10000^(i/31)
tempi = pos * freq_t2t
t2t = torch.cat([torch.sin(tempi), torch.cos(tempi)], dim=1)  # (50, 64)

print("codifica:", tuple(pe.shape), "(posizioni, d_model)")
print("posizione  dim 0 (sin)  dim 1 (cos)  dim 2 (sin)  dim 3 (cos)")
for p in range(4):
    print(f"{p:>9}" + "".join(f"{v:>13.4f}" for v in pe[p, :4].tolist()))

print(f"\n{'coppia i':>8} {'freq. articolo':>15} {'freq. T2T':>10}")
for i in [0, 1, 8, 16, 31]:
    print(f"{i:>8} {freq_articolo[i]:>15.6f} {freq_t2t[i]:>10.6f}")
# la lunghezza d'onda è 2π/frequenza: la più lunga, divisa per 2π, è 1/(frequenza più bassa)
print(f"onda più lunga / 2π: articolo {1 / freq_articolo[-1]:.0f}, T2T {1 / freq_t2t[-1]:.0f}")

# rimettiamo i numeri di T2T nell'ordine alternato: resta solo la differenza di frequenze
riordinata = torch.stack([t2t[:, :32], t2t[:, 32:]], dim=2).reshape(posizioni, d_model)
differenza = (pe - riordinata).abs().max().item()
stessi_numeri = torch.allclose(pe.sort(dim=1).values, t2t.sort(dim=1).values, atol=1e-4)
print(f"\nstessi numeri in altro ordine: {stessi_numeri}")
print(f"differenza massima dopo il riordino: {differenza:.3f}")
assert not torch.allclose(freq_articolo, freq_t2t) and not stessi_numeri and differenza > 0.01
assert abs(1 / freq_t2t[-1] - 10000) < 1 and 1 / freq_articolo[-1] < 10000

fig, assi = plt.subplots(1, 2, figsize=(9, 3.6), sharey=True)
for ax, dati, titolo in zip(assi, [pe, t2t], ["articolo (alternati)", "Tensor2Tensor (a metà)"]):
    immagine = ax.imshow(dati.numpy(), cmap="RdBu_r", vmin=-1, vmax=1, aspect="auto")
    ax.set_title(titolo)
    ax.set_xlabel("dimensione")
assi[0].set_ylabel("posizione")
fig.colorbar(immagine, ax=assi)
titolo = "Codifica sinusoidale: la formula dell'articolo e quella di Tensor2Tensor"
fig.savefig("codifica_sinusoidale.png", dpi=110, metadata={"Title": titolo})
print("figura salvata: codifica_sinusoidale.png")
