from talkkit.cli import main

main()
