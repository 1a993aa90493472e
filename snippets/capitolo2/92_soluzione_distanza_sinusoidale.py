# Soluzione: con la codifica sinusoidale il prodotto scalare dipende solo dalla distanza.
import torch

posizioni, d_model = 200, 64
pos = torch.arange(posizioni).unsqueeze(1)
angoli = pos / 10000 ** (torch.arange(0, d_model, 2) / d_model)
pe = torch.zeros(posizioni, d_model)
pe[:, 0::2], pe[:, 1::2] = torch.sin(angoli), torch.cos(angoli)

print(f"{'distanza':>8}" + "".join(f"{'da pos ' + str(p):>12}" for p in [0, 50, 100]))
for k in [0, 1, 2, 5, 10, 50]:
    # stesso k, punti di partenza diversi: il prodotto scalare non cambia
    prodotti = [pe[p] @ pe[p + k] for p in [0, 50, 100]]
    print(f"{k:>8}" + "".join(f"{v:>12.3f}" for v in prodotti))
