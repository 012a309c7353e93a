"""Propaganda technique detection: encoding, decoding, the ONNX model, training and tuning."""
