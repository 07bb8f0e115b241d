"""Permit reference data: rules, shortage lists and their entries (issue 5)."""

from models.permit import PermitRule, ShortageList, ShortageListEntry


def up(database):
    database.create_tables([PermitRule, ShortageList, ShortageListEntry], safe=True)
