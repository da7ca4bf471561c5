from paralign.cli import main

main()
