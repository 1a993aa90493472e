# L'attenzione a gruppi di query (GQA): poche teste di chiavi e valori condivise da più query.
import torch
import torch.nn.functional as F

torch.manual_seed(0)
teste_q, teste_kv, n, d_k = 8, 2, 6, 4  # 8 teste di query, 2 di chiavi e valori
gruppo = teste_q // teste_kv  # ogni testa K/V serve 4 teste di query
Q = torch.randn(teste_q, n, d_k)
K, V = torch.randn(teste_kv, n, d_k), torch.randn(teste_kv, n, d_k)

# a mano: la testa di query h usa la testa K/V h // gruppo
uscite = []
for h in range(teste_q):
    k, v = K[h // gruppo], V[h // gruppo]
    pesi = torch.softmax(Q[h] @ k.T / d_k**0.5, dim=-1)
    uscite.append(pesi @ v)
a_mano = torch.stack(uscite)

# riferimento 1: ripetere K e V finché ci sono tante teste quante le query
ripetute = F.scaled_dot_product_attention(
    Q, K.repeat_interleave(gruppo, dim=0), V.repeat_interleave(gruppo, dim=0)
)
# riferimento 2: la stessa funzione con enable_gqa=True, a cui passiamo K e V così come sono
nativa = F.scaled_dot_product_attention(Q, K, V, enable_gqa=True)
print("Q:", tuple(Q.shape), " K e V:", tuple(K.shape), " uscita:", tuple(a_mano.shape))
print("uguale a SDPA con K/V ripetute:", torch.allclose(a_mano, ripetute, atol=1e-6))
print("uguale a SDPA con enable_gqa=True:", torch.allclose(a_mano, nativa, atol=1e-6))
assert torch.allclose(a_mano, ripetute, atol=1e-6) and torch.allclose(a_mano, nativa, atol=1e-6)

# che cosa si risparmia: la cache conserva K e V di ogni token, per ogni strato
strati, teste, d_testa, contesto, byte = 32, 32, 128, 4096, 2  # un modello di esempio, 16 bit
print(f"\ncache per {contesto} token, {strati} strati, {teste} teste di query da {d_testa}:")
for nome, kv in [("multi-testa (MHA)", teste), ("GQA, 8 teste K/V", 8), ("multi-query (MQA)", 1)]:
    per_token = 2 * strati * kv * d_testa * byte  # 2: chiavi e valori
    totale = per_token * contesto / 2**30
    print(f"  {nome:<20} {per_token / 1024:6.0f} KiB per token {totale:6.2f} GiB in tutto")
