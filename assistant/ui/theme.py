"""The look: a calm editorial theme built only from fonts already on the reader's machine.

Gradio's stock themes name Google or bundled web fonts; we list system fonts explicitly (sans for the
interface, serif for headlines and source titles) so the page requests no font from anywhere.
"""

from __future__ import annotations

from importlib import resources

import gradio as gr

SANS_FONTS: tuple[str, ...] = (
    "system-ui",
    "-apple-system",
    "Segoe UI",
    "Roboto",
    "Helvetica Neue",
    "Noto Sans",
    "Liberation Sans",
    "Arial",
    "sans-serif",
)
MONO_FONTS: tuple[str, ...] = (
    "ui-monospace",
    "SFMono-Regular",
    "Menlo",
    "Consolas",
    "Liberation Mono",
    "DejaVu Sans Mono",
    "monospace",
)


# Newspaper ink blue: the hue of buttons, selected tabs, sliders and focus rings.
INK = gr.themes.Color(
    name="ink",
    c50="#eef3f9",
    c100="#d5e1ee",
    c200="#adc3dd",
    c300="#7f9fc6",
    c400="#557dab",
    c500="#36608f",
    c600="#27496f",
    c700="#1e3a5f",
    c800="#172d4a",
    c900="#0f1f33",
    c950="#09141f",
)


def make_theme() -> gr.themes.Base:
    """A light newsroom palette: ink-blue primary, warm stone neutrals, system fonts only."""
    theme = gr.themes.Base(
        primary_hue=INK,
        secondary_hue=gr.themes.colors.amber,
        neutral_hue=gr.themes.colors.stone,
        radius_size=gr.themes.sizes.radius_md,
        spacing_size=gr.themes.sizes.spacing_md,
        text_size=gr.themes.sizes.text_md,
        font=[gr.themes.Font(name) for name in SANS_FONTS],
        font_mono=[gr.themes.Font(name) for name in MONO_FONTS],
    )
    return theme.set(
        body_background_fill="#f6f5f2",
        block_background_fill="#ffffff",
        block_border_color="#e7e5e4",
        block_shadow="0 1px 2px rgba(28, 25, 23, 0.04)",
        block_label_text_color="#57534e",
        button_primary_background_fill="#1e3a5f",
        button_primary_background_fill_hover="#27496f",
        button_primary_text_color="#ffffff",
        button_primary_border_color="#1e3a5f",
        input_background_fill="#ffffff",
        color_accent_soft="#e8eef6",
        link_text_color="#1e4f8a",
        link_text_color_visited="#1e4f8a",
    )


def load_css() -> str:
    """The app's stylesheet (shipped as package data beside this module)."""
    return resources.files("assistant.ui").joinpath("style.css").read_text(encoding="utf-8")
