"""A small warehouse with a supply chain, for the Parties page, the item chain and `embargo
parties`: invented deliveries to two armed groups, a sanctions list naming both, one link
confirmed (the Houthis) and one candidate left undecided (the LRA), items seized from both, and
findings naming them or citing the items, and a broker's licence for the Houthis. Every record
is invented."""

from __future__ import annotations

import shutil
from pathlib import Path

from embargo.cli import main
from ingest.files import ingest_files

HOUTHIS = "Houthi rebels (Yemen)*"
LRA = "LRA (Uganda)*"

# The head of an invented SIPRI export: its title and source lines, then the column names.
EXPORT_HEADER = """Transfers of major conventional arms (INVENTED TEST FIXTURE, not SIPRI data)
Source: Embargo Monitor test fixture, every deal invented.
SIPRI AT Database ID,Supplier,Recipient,Designation,Description,Armament category,Order date,\
Order date is estimate,Numbers delivered,Numbers delivered is estimate,Delivery year,\
Delivery year is estimate,Status,SIPRI estimate,TIV deal unit,TIV delivery values,Local production
"""
EXPORT = (
    EXPORT_HEADER
    + """90201,Iran,Houthi rebels (Yemen)*,Test-1,SAM,Missiles,2020,No,2,No,2021,No,New,No,1,2,No
90201,Iran,Houthi rebels (Yemen)*,Test-1,SAM,Missiles,2020,No,3,No,2022,No,New,No,1,3,No
90202,Sudan,LRA (Uganda)*,Test-2,portable SAM,Missiles,2020,No,1,No,2021,No,New,No,1,1,No
90204,Houthi rebels (Yemen)*,UIC (Somalia)*,Test-4,anti-tank missile,Missiles,2022,No,5,No,2023,\
No,New,No,1,5,No
90205,Russia,Yemen,Igla,portable SAM,Missiles,2010,No,50,No,2011,No,New,No,1,50,No
90203,Russia,Sudan,Test-3,tank,Armoured vehicles,2019,No,4,No,2020,No,New,No,1,4,No
"""
)
LIST = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<CONSOLIDATED_LIST dateGenerated="2025-11-20T23:00:09.067Z">
  <INDIVIDUALS/>
  <ENTITIES>
    <ENTITY>
      <DATAID>1</DATAID>
      <VERSIONNUM>1</VERSIONNUM>
      <FIRST_NAME>THE HOUTHIS</FIRST_NAME>
      <UN_LIST_TYPE>Yemen</UN_LIST_TYPE>
      <REFERENCE_NUMBER>YEe.901</REFERENCE_NUMBER>
      <LISTED_ON>2022-02-28</LISTED_ON>
      <NAME_ORIGINAL_SCRIPT>الحوثيون</NAME_ORIGINAL_SCRIPT>
      <COMMENTS1>Invented test record.</COMMENTS1>
      <ENTITY_ALIAS><QUALITY>a.k.a.</QUALITY><ALIAS_NAME>Ansar Allah</ALIAS_NAME></ENTITY_ALIAS>
      <ENTITY_ALIAS><QUALITY>a.k.a.</QUALITY><ALIAS_NAME>Mouvement Ansar Allah (Partisans de \
Dieu)</ALIAS_NAME></ENTITY_ALIAS>
    </ENTITY>
    <ENTITY>
      <DATAID>2</DATAID>
      <VERSIONNUM>1</VERSIONNUM>
      <FIRST_NAME>LORD'S RESISTANCE ARMY</FIRST_NAME>
      <UN_LIST_TYPE>CAR</UN_LIST_TYPE>
      <REFERENCE_NUMBER>CFe.902</REFERENCE_NUMBER>
      <LISTED_ON>2016-03-07</LISTED_ON>
      <ENTITY_ALIAS><QUALITY>a.k.a.</QUALITY><ALIAS_NAME>LRA</ALIAS_NAME></ENTITY_ALIAS>
    </ENTITY>
  </ENTITIES>
</CONSOLIDATED_LIST>
"""
SEIZURES_HEADER = (
    "event_id,event_date,date_precision,country_iso3,location_name,latitude,longitude,context,"
    "seized_from,actor_type,reporting_entity,item_kind,weapon_category,manufacturer,model,"
    "serial_number,country_of_manufacture,quantity,unit,classification"
)
HODEIDAH = "E-H1,2023-05-10,day,YEM,Hodeidah,14.80,42.95,seizure,Houthi rebels (Yemen)*"
ARMED_GROUP = "non_state_armed_group,Panel of Experts,weapon"
SEIZURES = [
    f"{HODEIDAH},{ARMED_GROUP},assault_rifle,Izhmash,AKM,HX-001,RUS,1,items,restricted",
    f"{HODEIDAH},{ARMED_GROUP},assault_rifle,Izhmash,AKM,HX-002,RUS,1,items,restricted",
    # the group's name spelt otherwise: the same alias key
    "E-H2,2024-01-15,day,YEM,Saada,16.94,43.76,seizure,houthi rebels  (yemen)*,"
    f"{ARMED_GROUP},manpads,KBM,Igla,HX-900,RUS,1,items,confidential",
    f"E-L1,2022-08-02,day,CAF,Obo,5.40,26.49,recovery,LRA (Uganda)*,{ARMED_GROUP},"
    "assault_rifle,Norinco,Type 56,LX-001,CHN,1,items,public",
]
BROKER = "Red Sea Shipping Ltd"
BROKERING = f"""licence_id,reporting_state,decision,decision_date,broker_name,broker_country,\
source_country,destination_country,end_user,category,description,quantity,source_document,\
classification
BRK-H1,GBR,issued,2022-09-01,{BROKER},ARE,Bulgaria,YEM,{HOUTHIS},SALW,assault rifles,300,\
Brokering report 2022,public
"""
FINDINGS_HEADER = (
    "finding_id,panel,document_symbol,document_date,paragraph,finding_type,target_iso3,"
    "involved_entities,summary,related_event_ids,related_serials,confidence,classification"
)
FINDINGS = [
    "F-1,un-yemen-2015,S/2024/0101,2024-02-01,12,violation,YEM,Ansar Allah,"
    "Rifles seized from the Houthis.,E-H1,,confirmed,public",
    "F-2,un-yemen-2015,S/2024/0101,2024-02-01,14,violation,YEM,THE HOUTHIS,"
    "A missile seized at Saada.,,HX-900,probable,confidential",
    "F-3,un-car-2013,S/2023/0202,2023-07-01,30,violation,CAF,LRA (Uganda)*,"
    "A rifle recovered at Obo.,E-L1,,confirmed,public",
]


def party_chain_warehouse(warehouse: Path, folder: Path) -> Path:
    """A copy of the reference warehouse with the chain loaded and the Houthis' link confirmed
    (the access store is the one EMBARGO_ACCESS_DB names)."""
    path = folder / "parties.duckdb"
    shutil.copyfile(warehouse, path)
    files = {
        "export.csv": EXPORT,
        "list.xml": LIST,
        "seizures.csv": "\n".join([SEIZURES_HEADER, *SEIZURES]) + "\n",
        "findings.csv": "\n".join([FINDINGS_HEADER, *FINDINGS]) + "\n",
        "brokering.csv": BROKERING,
    }
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    assert main(["actors", "add", BROKER, "--type", "broker", "--country", "ARE",
                 "--db", str(path)]) == 0  # fmt: skip
    reports = ingest_files(path, [folder / name for name in files])
    loaded = [(r.rows_loaded, r.rows_rejected) for r in reports]
    assert loaded == [(6, 0), (2, 0), (4, 0), (3, 0), (1, 0)], [r.rejects for r in reports]
    assert main(["links", "confirm", HOUTHIS, "YEe.901", "--db", str(path)]) == 0
    return path
