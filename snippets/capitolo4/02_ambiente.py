# L'ambiente degli esempi: versioni delle librerie e dispositivo scelto (la GPU, se c'è).
import platform

import torch
import transformers

print(f"Python        {platform.python_version()}")
print(f"torch         {torch.__version__}")
print(f"transformers  {transformers.__version__}")

# La riga che sceglie il dispositivo: CUDA (GPU NVIDIA) se disponibile, altrimenti CPU
device = "cuda" if torch.cuda.is_available() else "cpu"
print(f"dispositivo   {device}")
if device == "cuda":
    print(f"GPU           {torch.cuda.get_device_name(0)}")
    print(f"bfloat16      {'sì' if torch.cuda.is_bf16_supported() else 'no'}")
