# La codifica sinusoidale della posizione: seno sulle dimensioni pari, coseno sulle dispari.
import matplotlib.pyplot as plt
import torch

posizioni, d_model = 50, 64
pos = torch.arange(posizioni).unsqueeze(1)  # (50, 1)
i2 = torch.arange(0, d_model, 2)  # gli indici pari 2i: (32,)
angoli = pos / 10000 ** (i2 / d_model)  # (50, 32)

pe = torch.zeros(posizioni, d_model)
pe[:, 0::2] = torch.sin(angoli)  # PE(pos, 2i)   = sin(...)
pe[:, 1::2] = torch.cos(angoli)  # PE(pos, 2i+1) = cos(...)
# la variante di Tensor2Tensor: tutti i seni in una metà, tutti i coseni nell'altra
a_meta = torch.cat([torch.sin(angoli), torch.cos(angoli)], dim=1)

print("codifica:", tuple(pe.shape), "(posizioni, d_model)")
print("posizione  dim 0 (sin)  dim 1 (cos)  dim 2 (sin)  dim 3 (cos)")
for p in range(4):
    print(f"{p:>9}" + "".join(f"{v:>13.4f}" for v in pe[p, :4].tolist()))
stessi_numeri = torch.equal(pe.sort(dim=1).values, a_meta.sort(dim=1).values)
print("\nstessi numeri, ordine diverso:", stessi_numeri)
print("stessa matrice:", torch.equal(pe, a_meta))

fig, assi = plt.subplots(1, 2, figsize=(9, 3.6), sharey=True)
for ax, dati, titolo in zip(assi, [pe, a_meta], ["alternati (articolo)", "a metà (Tensor2Tensor)"]):
    immagine = ax.imshow(dati.numpy(), cmap="RdBu_r", vmin=-1, vmax=1, aspect="auto")
    ax.set_title(titolo)
    ax.set_xlabel("dimensione")
assi[0].set_ylabel("posizione")
fig.colorbar(immagine, ax=assi)
titolo = "Codifica sinusoidale: sin e cos alternati come nell'articolo, e divisi a metà"
fig.savefig("codifica_sinusoidale.png", dpi=110, metadata={"Title": titolo})
print("figura salvata: codifica_sinusoidale.png")
