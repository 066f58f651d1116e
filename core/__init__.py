"""Small shared pieces every app may use: one e-mail send function, text helpers."""
