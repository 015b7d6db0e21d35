from opslens.cli.main import main

main()
