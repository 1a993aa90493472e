# Soluzione: con la codifica sinusoidale il prodotto scalare dipende solo dalla distanza.
import torch

posizioni, d_model = 200, 64
pos = torch.arange(posizioni).unsqueeze(1)
angoli = pos / 10000 ** (torch.arange(0, d_model, 2) / d_model)
pe = torch.zeros(posizioni, d_model)
pe[:, 0::2], pe[:, 1::2] = torch.sin(angoli), torch.cos(angoli)

partenze, distanze = [0, 50, 100], [0, 1, 2, 5, 10, 50]
print(f"{'distanza':>8}" + "".join(f"{'da pos ' + str(p):>12}" for p in partenze))
prima_colonna = []
for k in distanze:
    # stesso k, punti di partenza diversi: il prodotto scalare non cambia
    prodotti = torch.stack([pe[p] @ pe[p + k] for p in partenze])
    print(f"{k:>8}" + "".join(f"{v:>12.3f}" for v in prodotti.tolist()))
    assert torch.allclose(prodotti, prodotti[0].expand(len(partenze)), atol=1e-3)
    prima_colonna.append(prodotti[0].item())
# a queste distanze il prodotto cala man mano che la distanza cresce
assert prima_colonna == sorted(prima_colonna, reverse=True)
