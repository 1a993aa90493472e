# Il feed-forward SwiGLU dei decoder moderni, a mano e confrontato con LlamaMLP di transformers.
import torch
import torch.nn.functional as F
from transformers import LlamaConfig
from transformers.models.llama.modeling_llama import LlamaMLP

torch.manual_seed(0)
d_model, d_ff = 16, 44
x = torch.randn(3, d_model)  # tre token
W, V = torch.randn(d_model, d_ff), torch.randn(d_model, d_ff)
W_o = torch.randn(d_ff, d_model)

swish = x @ W * torch.sigmoid(x @ W)  # Swish (o SiLU): z · σ(z)
swiglu = (swish * (x @ V)) @ W_o  # la porta Swish moltiplica l'altra proiezione
geglu = (F.gelu(x @ W) * (x @ V)) @ W_o  # la variante di T5: la porta usa la GELU
print("uscita SwiGLU:", tuple(swiglu.shape), "  uscita GEGLU:", tuple(geglu.shape))
print(f"differenza media tra le due: {(swiglu - geglu).abs().mean():.4f}")

# il riferimento: il modulo di transformers per i modelli Llama, con le nostre matrici
config = LlamaConfig(
    hidden_size=d_model, intermediate_size=d_ff, num_attention_heads=4, hidden_act="silu"
)
mlp = LlamaMLP(config)
with torch.no_grad():
    mlp.gate_proj.weight.copy_(W.T)  # nn.Linear conserva la matrice trasposta
    mlp.up_proj.weight.copy_(V.T)
    mlp.down_proj.weight.copy_(W_o.T)
    riferimento = mlp(x)
uguale = torch.allclose(swiglu, riferimento, atol=1e-4)
print("SwiGLU a mano uguale a LlamaMLP:", uguale)
assert uguale and torch.allclose(swish, F.silu(x @ W), atol=1e-6)

# parametri: tre matrici invece di due; per pareggiare si stringe d_ff di 2/3
d, ff = 768, 3072
print(f"\n{'feed-forward':<28}{'d_ff':>6}{'parametri':>12}")
print(f"{'ReLU, due matrici':<28}{ff:>6}{2 * d * ff:>12,}")
print(f"{'SwiGLU, tre matrici':<28}{ff:>6}{3 * d * ff:>12,}")
print(f"{'SwiGLU, d_ff ridotta a 2/3':<28}{2 * ff // 3:>6}{3 * d * (2 * ff // 3):>12,}")
