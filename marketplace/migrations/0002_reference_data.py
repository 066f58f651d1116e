"""Reference data: themes, the 17 UN SDGs (Dutch and English), the 12 provinces."""

from django.db import migrations

THEMES = [
    ("energy", "Energie", "Energy"),
    ("mobility", "Mobiliteit", "Mobility"),
    ("care", "Zorg", "Care"),
    ("housing", "Wonen", "Housing"),
    ("food", "Voedsel", "Food"),
    ("circular", "Circulaire economie", "Circular economy"),
    ("community", "Gemeenschap", "Community"),
    ("digital", "Digitaal", "Digital"),
    ("finance", "Financiering", "Finance"),
    ("legal_admin", "Juridisch & administratie", "Legal & administration"),
    ("insurance", "Verzekeringen", "Insurance"),
]

SDGS = [
    (1, "Geen armoede", "No poverty"),
    (2, "Geen honger", "Zero hunger"),
    (3, "Goede gezondheid en welzijn", "Good health and well-being"),
    (4, "Kwaliteitsonderwijs", "Quality education"),
    (5, "Gendergelijkheid", "Gender equality"),
    (6, "Schoon water en sanitair", "Clean water and sanitation"),
    (7, "Betaalbare en duurzame energie", "Affordable and clean energy"),
    (8, "Waardig werk en economische groei", "Decent work and economic growth"),
    (9, "Industrie, innovatie en infrastructuur", "Industry, innovation and infrastructure"),
    (10, "Ongelijkheid verminderen", "Reduced inequalities"),
    (11, "Duurzame steden en gemeenschappen", "Sustainable cities and communities"),
    (12, "Verantwoorde consumptie en productie", "Responsible consumption and production"),
    (13, "Klimaatactie", "Climate action"),
    (14, "Leven in het water", "Life below water"),
    (15, "Leven op het land", "Life on land"),
    (16, "Vrede, justitie en sterke publieke diensten", "Peace, justice and strong institutions"),
    (17, "Partnerschap om doelstellingen te bereiken", "Partnerships for the goals"),
]

PROVINCES = [
    ("drenthe", "Drenthe"),
    ("flevoland", "Flevoland"),
    ("friesland", "Friesland"),
    ("gelderland", "Gelderland"),
    ("groningen", "Groningen"),
    ("limburg", "Limburg"),
    ("noord-brabant", "Noord-Brabant"),
    ("noord-holland", "Noord-Holland"),
    ("overijssel", "Overijssel"),
    ("utrecht", "Utrecht"),
    ("zeeland", "Zeeland"),
    ("zuid-holland", "Zuid-Holland"),
]


def load(apps, schema_editor):
    Theme = apps.get_model("marketplace", "Theme")
    SDG = apps.get_model("marketplace", "SDG")
    Province = apps.get_model("marketplace", "Province")
    for position, (slug, nl, en) in enumerate(THEMES):
        Theme.objects.update_or_create(
            slug=slug, defaults={"name_nl": nl, "name_en": en, "position": position}
        )
    for number, nl, en in SDGS:
        SDG.objects.update_or_create(number=number, defaults={"name_nl": nl, "name_en": en})
    for slug, name in PROVINCES:
        Province.objects.update_or_create(slug=slug, defaults={"name": name})


def unload(apps, schema_editor):
    for name in ("Theme", "SDG", "Province"):
        apps.get_model("marketplace", name).objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("marketplace", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
