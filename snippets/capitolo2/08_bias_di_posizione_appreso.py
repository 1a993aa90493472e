# Il bias di posizione che Flan-T5 ha imparato: quanto aggiunge al punteggio, testa per testa.
import os

import matplotlib.pyplot as plt
import torch
from transformers import AutoModelForSeq2SeqLM
from transformers.models.t5.modeling_t5 import T5Attention

MODEL = os.environ.get("FLAN_T5_MODEL", "google/flan-t5-base")

model = AutoModelForSeq2SeqLM.from_pretrained(MODEL)
config = model.config
tabella = model.encoder.block[0].layer[0].SelfAttention.relative_attention_bias.weight.detach()

distanze = torch.arange(-40, 41)  # posizione della chiave - posizione della query
bucket = T5Attention._relative_position_bucket(
    distanze,
    bidirectional=True,
    num_buckets=config.relative_attention_num_buckets,
    max_distance=config.relative_attention_max_distance,
)
bias = tabella[bucket]  # (distanze, teste): il numero sommato ai punteggi QK
print("bias per distanza e testa:", tuple(bias.shape))
scelte = [-40, -2, -1, 0, 1, 2, 40]
print("distanza:" + "".join(f"{d:>+8}" for d in scelte))
for testa in range(config.num_heads):
    print(f"testa {testa:<3}" + "".join(f"{bias[d + 40, testa]:8.3f}" for d in scelte))

fig, ax = plt.subplots(figsize=(7, 3.8))
for testa in range(config.num_heads):
    colore = plt.cm.tab20(testa % 20)
    ax.plot(distanze.numpy(), bias[:, testa].numpy(), linewidth=1, color=colore, label=f"{testa}")
ax.set_xlabel("distanza (chiave - query)")
ax.set_ylabel("bias aggiunto al punteggio")
ax.set_title("Primo strato dell'encoder: una linea per testa")
ax.legend(title="testa", fontsize=7, loc="center left", bbox_to_anchor=(1, 0.5))
fig.tight_layout()
fig.savefig("bias_posizione.png", dpi=110, metadata={"Title": "Bias di posizione relativa appreso"})
print("figura salvata: bias_posizione.png")
