# L'auto-attenzione causale a più teste del GPT, scritta a mano e confrontata con PyTorch.
import torch
import torch.nn.functional as F

torch.manual_seed(0)
batch, n, d_model, teste = 2, 6, 16, 4
d_k = d_model // teste
x = torch.randn(batch, n, d_model)
qkv = torch.nn.Linear(d_model, 3 * d_model)  # una sola proiezione per query, chiavi e valori


def query_chiavi_valori(x):  # (batch, n, d_model) -> tre tensori (batch, teste, n, d_k)
    return (t.view(batch, n, teste, d_k).transpose(1, 2) for t in qkv(x).split(d_model, -1))


q, k, v = query_chiavi_valori(x)
punteggi = q @ k.transpose(-2, -1) / d_k**0.5  # (batch, teste, n, n)
futuro = torch.triu(torch.ones(n, n, dtype=torch.bool), diagonal=1)  # sopra la diagonale
pesi = punteggi.masked_fill(futuro, float("-inf")).softmax(dim=-1)
a_mano = pesi @ v  # (batch, teste, n, d_k)
libreria = F.scaled_dot_product_attention(q, k, v, is_causal=True)
print("q, k, v:", tuple(q.shape), "(batch, teste, token, d_k)")
print("pesi:   ", tuple(pesi.shape), "(batch, teste, query, chiave)")
uguale = torch.allclose(a_mano, libreria, atol=1e-6)
print("uguale a scaled_dot_product_attention con is_causal=True:", uguale)

# causale: se cambia l'ultimo token, l'uscita dei token precedenti resta la stessa
x[:, -1] = torch.randn(batch, d_model)
dopo = F.scaled_dot_product_attention(*query_chiavi_valori(x), is_causal=True)
prima_uguali = torch.allclose(dopo[:, :, :-1], libreria[:, :, :-1])
ultimo_uguale = torch.allclose(dopo[:, :, -1], libreria[:, :, -1])
print("cambiato l'ultimo token: uscite precedenti uguali", prima_uguali, "| ultima", ultimo_uguale)
assert uguale and prima_uguali and not ultimo_uguale
