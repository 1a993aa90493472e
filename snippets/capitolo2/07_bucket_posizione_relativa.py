# Come T5 codifica la posizione: la distanza tra due token finisce in un "bucket".
import os

import torch
from transformers import AutoModelForSeq2SeqLM
from transformers.models.t5.modeling_t5 import T5Attention

MODEL = os.environ.get("FLAN_T5_MODEL", "google/flan-t5-base")

model = AutoModelForSeq2SeqLM.from_pretrained(MODEL)
config = model.config
num_bucket = config.relative_attention_num_buckets
distanza_max = config.relative_attention_max_distance

# solo il primo strato ha la tabella; gli altri riusano i suoi valori
attenzione = model.encoder.block[0].layer[0].SelfAttention
forma = tuple(attenzione.relative_attention_bias.weight.shape)
print("relative_attention_bias:", forma, f"= (bucket {num_bucket}, teste {config.num_heads})")
print("distanza oltre la quale i bucket non cambiano più:", distanza_max)

# distanza = posizione della chiave - posizione della query (negativa: token a sinistra)
distanze = torch.tensor([-300, -128, -64, -16, -9, -8, -3, -2, -1, 0, 1, 2, 3, 8, 9, 16, 64, 300])
encoder = T5Attention._relative_position_bucket(
    distanze, bidirectional=True, num_buckets=num_bucket, max_distance=distanza_max
)
decoder = T5Attention._relative_position_bucket(
    distanze, bidirectional=False, num_buckets=num_bucket, max_distance=distanza_max
)
print(f"\n{'distanza':>9} {'bucket encoder':>15} {'bucket decoder':>15}")
for d, e, c in zip(distanze.tolist(), encoder.tolist(), decoder.tolist()):
    print(f"{d:>9} {e:>15} {c:>15}")
