from tdkt_xl.cli import run

run()
