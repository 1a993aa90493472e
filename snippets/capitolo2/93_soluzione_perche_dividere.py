# Soluzione: senza la divisione per √d_k la softmax si concentra su un solo token quando d_k cresce.
import torch

torch.manual_seed(0)
n = 10  # token
print(f"{'d_k':>5} {'dev. std punteggi':>18} {'peso max senza √d_k':>20} {'peso max con √d_k':>18}")
righe = []
for d_k in [4, 64, 512]:
    Q, K = torch.randn(n, d_k), torch.randn(n, d_k)
    punteggi = Q @ K.T
    # media, sulle righe, del peso più grande: 1.0 vuol dire "guarda un solo token"
    senza = torch.softmax(punteggi, dim=-1).amax(dim=-1).mean().item()
    con = torch.softmax(punteggi / d_k**0.5, dim=-1).amax(dim=-1).mean().item()
    print(f"{d_k:>5} {punteggi.std():>18.2f} {senza:>20.3f} {con:>18.3f}")
    righe.append((d_k, punteggi.std().item(), senza, con))

# la dispersione cresce come √d_k; senza divisione il peso massimo sale verso 1, con resta simile
assert all(0.7 < std / d_k**0.5 < 1.3 for d_k, std, _, _ in righe)
senza, con = [r[2] for r in righe], [r[3] for r in righe]
assert senza == sorted(senza) and senza[-1] > 0.9 and max(con) - min(con) < 0.1
# la pagina cita questi valori: il peso massimo medio con d_k = 512, senza e con la divisione
senza_512, con_512 = senza[-1], con[-1]
