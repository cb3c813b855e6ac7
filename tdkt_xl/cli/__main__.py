import sys
from tdkt_xl.cli import main
sys.exit(main())
