# Attenzione a più teste: dividere, calcolare l'attenzione, riunire; le forme a ogni passo.
import torch

torch.manual_seed(0)
n, d_model, teste = 5, 8, 2  # 5 token, vettori di 8 numeri, 2 teste
d_k = d_model // teste  # ogni testa lavora su 4 numeri
x = torch.randn(n, d_model)
W_q, W_k, W_v, W_o = (torch.randn(d_model, d_model) / d_model**0.5 for _ in range(4))


def dividi(t):  # (token, d_model) -> (teste, token, d_k)
    return t.view(n, teste, d_k).transpose(0, 1)


Q, K, V = dividi(x @ W_q), dividi(x @ W_k), dividi(x @ W_v)
pesi = torch.softmax(Q @ K.transpose(-2, -1) / d_k**0.5, dim=-1)
per_testa = pesi @ V
concatenate = per_testa.transpose(0, 1).reshape(n, d_model)
uscita = concatenate @ W_o
passi = [
    ("1. ingresso x", x),
    ("2. Q (e K, V) divise in teste", Q),
    ("3. pesi di attenzione per testa", pesi),
    ("4. uscita di ogni testa", per_testa),
    ("5. teste concatenate", concatenate),
    ("6. dopo la proiezione W_o", uscita),
]
for nome, tensore in passi:
    print(f"{nome:<34} {tuple(tensore.shape)}")

# lo stesso calcolo con il modulo di PyTorch, a cui diamo le stesse matrici
mha = torch.nn.MultiheadAttention(d_model, teste, bias=False, batch_first=True)
with torch.no_grad():
    mha.in_proj_weight.copy_(torch.cat([W_q.T, W_k.T, W_v.T]))  # PyTorch calcola x @ W.T
    mha.out_proj.weight.copy_(W_o.T)
    attesa, _ = mha(x[None], x[None], x[None])
uguale = torch.allclose(uscita, attesa[0], atol=1e-5)
print("\nuguale a nn.MultiheadAttention:", uguale)
assert uguale
for testa in range(teste):
    riga = " ".join(f"{p:.3f}" for p in pesi[testa, 0].tolist())
    print(f"testa {testa}, pesi del primo token: {riga}")

# la pagina cita questi valori: dove mette il peso più grande il primo token, testa per testa
primo = pesi[:, 0]  # (teste, token): i pesi del primo token in ogni testa
preferiti = [i + 1 for i in primo.argmax(dim=-1).tolist()]  # posizioni contando da 1
if len(set(preferiti)) == 1:
    scelta = f"al token numero {preferiti[0]} in ogni testa"
else:
    scelta = "a token diversi a seconda della testa: " + ", ".join(map(str, preferiti))
picchi = primo.amax(dim=-1).tolist()
scarto = (primo.amax(dim=0) - primo.amin(dim=0)).max().item()  # quanto cambia un peso
