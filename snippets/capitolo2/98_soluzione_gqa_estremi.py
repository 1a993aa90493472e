# Soluzione: la GQA con un gruppo è la multi-query, con un gruppo per testa è la multi-testa.
import torch
import torch.nn.functional as F

torch.manual_seed(0)
teste_q, n, d_k, d_model = 8, 5, 4, 32
Q = torch.randn(teste_q, n, d_k)

print(f"{'teste K/V':>9}  {'uguale al riferimento':<36}{'parametri di W_k e W_v':>22}")
for teste_kv in (teste_q, 2, 1):
    K, V = torch.randn(teste_kv, n, d_k), torch.randn(teste_kv, n, d_k)
    gqa = F.scaled_dot_product_attention(Q, K, V, enable_gqa=True)
    if teste_kv == teste_q:  # multi-testa: ogni query ha la sua testa K/V
        nome, riferimento = "multi-testa, SDPA senza GQA", F.scaled_dot_product_attention(Q, K, V)
    else:  # una testa K/V serve un gruppo di query: la copiamo per ciascuna
        g = teste_q // teste_kv
        nome = "multi-query" if teste_kv == 1 else f"gruppi di {g} query"
        riferimento = F.scaled_dot_product_attention(
            Q, K.repeat_interleave(g, 0), V.repeat_interleave(g, 0)
        )
    assert torch.allclose(gqa, riferimento, atol=1e-6)
    parametri = 2 * d_model * teste_kv * d_k  # W_k e W_v proiettano su teste_kv teste
    print(f"{teste_kv:>9}  {nome + ': sì':<36}{parametri:>22}")
