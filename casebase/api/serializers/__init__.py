"""Output serializers (what the API shows) and input serializers (what it accepts).

Reads and writes use different classes: a record is shown with its links, labels and
embedded rows, and written with plain values and references by slug or id.
"""
