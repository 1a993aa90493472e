# Solo decoder: prompt e risposta in una sequenza, -100 sul prompt, perdita solo sulla risposta.
import torch
from transformers import GPT2Config, GPT2LMHeadModel

# Parole intere come token, e un vocabolario fatto solo di loro: basta per vedere che cosa conta.
prompt = ["Recensione", ":", "camera", "sporca", "e", "rumorosa", ".", "Sentiment", ":"]
risposta = ["negativo", "<fine>"]  # <fine> chiude la risposta, come il token di fine sequenza
parole = sorted(set(prompt + risposta))
vocabolario = {p: i for i, p in enumerate(parole)}
ids = torch.tensor([[vocabolario[p] for p in prompt + risposta]])

torch.manual_seed(0)  # pesi casuali ma sempre gli stessi
fine = vocabolario["<fine>"]
config = GPT2Config(
    vocab_size=len(parole), n_positions=16, n_embd=32, n_layer=2, n_head=2,
    bos_token_id=fine, eos_token_id=fine,  # come GPT-2: lo stesso token per inizio e fine
)  # fmt: skip
model = GPT2LMHeadModel(config).eval()  # eval: niente dropout, la perdita è ripetibile

etichette = ids.clone()
etichette[0, : len(prompt)] = -100  # il prompt non entra nella perdita
with torch.inference_mode():
    uscita = model(ids, labels=etichette)
    tutta = model(ids, labels=ids).loss  # senza maschera: conta anche il prompt

# A mano: il logit in posizione t prevede il token t+1 (il modello sposta le etichette da sé).
logp = torch.log_softmax(uscita.logits[0], dim=-1)
print(f"{'posizione':>9}  {'token da prevedere':<18} {'-log p':>7}  nella perdita")
contributi = []
for t in range(1, ids.shape[1]):
    token = prompt[t] if t < len(prompt) else risposta[t - len(prompt)]
    meno_log_p = -logp[t - 1, ids[0, t]].item()
    conta = etichette[0, t].item() != -100
    print(f"{t:>9}  {token:<18} {meno_log_p:>7.4f}  {'sì' if conta else 'no'}")
    if conta:
        contributi.append(meno_log_p)

a_mano = sum(contributi) / len(contributi)
print(f"\nperdita del modello con -100 sul prompt:  {uscita.loss.item():.4f}")
print(f"media a mano sui token della risposta:    {a_mano:.4f}")
print(f"perdita senza maschera (tutti i token):   {tutta.item():.4f}")
assert abs(uscita.loss.item() - a_mano) < 1e-5  # sono la stessa media
assert len(contributi) == len(risposta)  # contano solo i token della risposta

# la pagina cita questi valori
parole_nel_vocabolario, token_risposta = len(parole), len(risposta)
posizioni_senza_maschera = ids.shape[1] - 1  # il primo token non ha nulla prima di sé
posizioni_del_prompt = len(prompt) - 1
assert posizioni_senza_maschera == posizioni_del_prompt + token_risposta
