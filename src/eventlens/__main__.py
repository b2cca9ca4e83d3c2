from eventlens.cli import main

main()
