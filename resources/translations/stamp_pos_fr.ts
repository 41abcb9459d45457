<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>CameraPicker</name>
    <message>
        <location filename="../../pos/ui/camera_picker.py" line="59"/>
        <source>Choose the camera</source>
        <translation>Choisir la caméra</translation>
    </message>
    <message>
        <location filename="../../pos/ui/camera_picker.py" line="70"/>
        <source>Automatic (the first camera that works)</source>
        <translation>Automatique (la première caméra qui fonctionne)</translation>
    </message>
    <message>
        <location filename="../../pos/ui/camera_picker.py" line="72"/>
        <source>Show</source>
        <translation>Afficher</translation>
    </message>
    <message>
        <location filename="../../pos/ui/camera_picker.py" line="74"/>
        <source>Looking for cameras…</source>
        <translation>Recherche des caméras…</translation>
    </message>
    <message>
        <location filename="../../pos/ui/camera_picker.py" line="109"/>
        <source>No camera found on this PC. Plug one in, or type a video file or stream address.</source>
        <translation>Aucune caméra trouvée sur ce PC. Branchez-en une, ou saisissez un fichier vidéo ou l’adresse d’un flux.</translation>
    </message>
    <message>
        <location filename="../../pos/ui/camera_picker.py" line="114"/>
        <source>Pick a camera to see it here.</source>
        <translation>Choisissez une caméra pour la voir ici.</translation>
    </message>
    <message>
        <location filename="../../pos/ui/camera_picker.py" line="121"/>
        <source>Starting the camera…</source>
        <translation>Démarrage de la caméra…</translation>
    </message>
</context>
<context>
    <name>CameraPreview</name>
    <message>
        <location filename="../../pos/ui/camera_preview.py" line="30"/>
        <source>Camera</source>
        <translation>Caméra</translation>
    </message>
    <message>
        <location filename="../../pos/ui/camera_preview.py" line="31"/>
        <source>Hold the customer&apos;s code in front of the camera.</source>
        <translation>Présentez le code du client devant la caméra.</translation>
    </message>
</context>
<context>
    <name>CardTile</name>
    <message>
        <location filename="../../pos/ui/card_tile.py" line="147"/>
        <source>Expired</source>
        <translation>Expirée</translation>
    </message>
    <message>
        <location filename="../../pos/ui/card_tile.py" line="148"/>
        <source>Used up</source>
        <translation>Terminée</translation>
    </message>
    <message>
        <location filename="../../pos/ui/card_tile.py" line="149"/>
        <source>Removed</source>
        <translation>Supprimée</translation>
    </message>
    <message>
        <location filename="../../pos/ui/card_tile.py" line="154"/>
        <source>Confirmed</source>
        <translation>Confirmé</translation>
    </message>
    <message>
        <location filename="../../pos/ui/card_tile.py" line="156"/>
        <source>The stamp service has confirmed these numbers.</source>
        <translation>Le service de tampons a confirmé ces chiffres.</translation>
    </message>
    <message>
        <location filename="../../pos/ui/card_tile.py" line="158"/>
        <source>Recorded locally (%1 waiting)</source>
        <translation>Enregistré ici (%1 en attente)</translation>
    </message>
    <message>
        <location filename="../../pos/ui/card_tile.py" line="162"/>
        <source>Recorded on this terminal; it will be sent when the service is reachable.</source>
        <translation>Enregistré sur ce terminal ; ce sera envoyé dès que le service sera joignable.</translation>
    </message>
    <message>
        <location filename="../../pos/ui/card_tile.py" line="164"/>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <location filename="../../pos/ui/card_tile.py" line="167"/>
        <source>QR card</source>
        <translation>Carte QR</translation>
    </message>
    <message>
        <location filename="../../pos/ui/card_tile.py" line="168"/>
        <source>NFC card</source>
        <translation>Carte NFC</translation>
    </message>
    <message>
        <location filename="../../pos/ui/card_tile.py" line="169"/>
        <source>Stamp card (physical stamp)</source>
        <translation>Carte à tampon (tampon physique)</translation>
    </message>
    <message>
        <location filename="../../pos/ui/card_tile.py" line="172"/>
        <source>%1 · valid %2 to %3</source>
        <translation>%1 · valable du %2 au %3</translation>
    </message>
    <message>
        <location filename="../../pos/ui/card_tile.py" line="180"/>
        <source>Reward earned: %1</source>
        <translation>Récompense gagnée : %1</translation>
    </message>
    <message>
        <location filename="../../pos/ui/card_tile.py" line="182"/>
        <source>(until %1)</source>
        <translation>(jusqu’au %1)</translation>
    </message>
    <message>
        <location filename="../../pos/ui/card_tile.py" line="184"/>
        <source>Redeem</source>
        <translation>Utiliser</translation>
    </message>
    <message>
        <location filename="../../pos/ui/card_tile.py" line="186"/>
        <source>Remove…</source>
        <translation>Retirer…</translation>
    </message>
    <message>
        <location filename="../../pos/ui/card_tile.py" line="187"/>
        <source>Take this reward back (manager PIN)</source>
        <translation>Reprendre cette récompense (code du responsable)</translation>
    </message>
    <message>
        <location filename="../../pos/ui/card_tile.py" line="188"/>
        <source>Redeem %1</source>
        <translation>Utiliser %1</translation>
    </message>
</context>
<context>
    <name>CountDialog</name>
    <message>
        <location filename="../../pos/ui/count_dialog.py" line="56"/>
        <source>Add stamps</source>
        <translation>Ajouter des tampons</translation>
    </message>
    <message>
        <location filename="../../pos/ui/count_dialog.py" line="57"/>
        <source>How many stamps on %1?</source>
        <translation>Combien de tampons sur %1 ?</translation>
    </message>
    <message>
        <location filename="../../pos/ui/count_dialog.py" line="75"/>
        <source>Add</source>
        <translation>Ajouter</translation>
    </message>
    <message>
        <location filename="../../pos/ui/count_dialog.py" line="76"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location filename="../../pos/ui/count_dialog.py" line="98"/>
        <source>Add between 1 and %1 stamps at a time.</source>
        <translation>Ajoutez entre 1 et %1 tampons à la fois.</translation>
    </message>
</context>
<context>
    <name>CounterActions</name>
    <message>
        <location filename="../../pos/ui/actions.py" line="54"/>
        <source>Search</source>
        <translation>Rechercher</translation>
    </message>
    <message>
        <location filename="../../pos/ui/actions.py" line="55"/>
        <source>+1 stamp</source>
        <translation>+1 tampon</translation>
    </message>
    <message>
        <location filename="../../pos/ui/actions.py" line="56"/>
        <source>Add stamps…</source>
        <translation>Ajouter des tampons…</translation>
    </message>
    <message>
        <location filename="../../pos/ui/actions.py" line="57"/>
        <source>Redeem reward</source>
        <translation>Utiliser la récompense</translation>
    </message>
    <message>
        <location filename="../../pos/ui/actions.py" line="58"/>
        <source>Undo last action</source>
        <translation>Annuler l’action</translation>
    </message>
    <message>
        <location filename="../../pos/ui/actions.py" line="59"/>
        <source>Card history</source>
        <translation>Historique de la carte</translation>
    </message>
    <message>
        <location filename="../../pos/ui/actions.py" line="60"/>
        <source>New member</source>
        <translation>Nouveau membre</translation>
    </message>
    <message>
        <location filename="../../pos/ui/actions.py" line="61"/>
        <source>Edit member</source>
        <translation>Modifier le membre</translation>
    </message>
    <message>
        <location filename="../../pos/ui/actions.py" line="62"/>
        <source>Issue new card</source>
        <translation>Émettre une carte</translation>
    </message>
    <message>
        <location filename="../../pos/ui/actions.py" line="63"/>
        <source>Print QR</source>
        <translation>Imprimer le QR</translation>
    </message>
    <message>
        <location filename="../../pos/ui/actions.py" line="64"/>
        <source>Notices</source>
        <translation>Avis</translation>
    </message>
    <message>
        <location filename="../../pos/ui/actions.py" line="65"/>
        <source>Settings</source>
        <translation>Réglages</translation>
    </message>
    <message>
        <location filename="../../pos/ui/actions.py" line="66"/>
        <source>Next card</source>
        <translation>Carte suivante</translation>
    </message>
    <message>
        <location filename="../../pos/ui/actions.py" line="67"/>
        <source>Previous card</source>
        <translation>Carte précédente</translation>
    </message>
    <message>
        <location filename="../../pos/ui/actions.py" line="68"/>
        <source>Next customer</source>
        <translation>Client suivant</translation>
    </message>
</context>
<context>
    <name>CounterStatusBar</name>
    <message>
        <location filename="../../pos/ui/status_bar.py" line="96"/>
        <source>Not sending: a service is set up wrongly</source>
        <extracomment>the NFC reader is the UDP simulator, not a device: said in its label</extracomment>
        <translation>Envoi arrêté : un service est mal configuré</translation>
    </message>
    <message>
        <location filename="../../pos/ui/status_bar.py" line="98"/>
        <source>Connecting…</source>
        <translation>Connexion…</translation>
    </message>
    <message>
        <location filename="../../pos/ui/status_bar.py" line="100"/>
        <source>Online</source>
        <translation>En ligne</translation>
    </message>
    <message>
        <location filename="../../pos/ui/status_bar.py" line="102"/>
        <source>Offline — stamps are kept and sent later</source>
        <translation>Hors ligne — les tampons sont gardés et envoyés plus tard</translation>
    </message>
    <message>
        <location filename="../../pos/ui/status_bar.py" line="106"/>
        <source>Not everything can be sent: ask a manager to check the settings</source>
        <translation>Tout ne peut pas être envoyé : demandez à un responsable de vérifier les réglages</translation>
    </message>
    <message>
        <location filename="../../pos/ui/status_bar.py" line="110"/>
        <source>1 event waiting</source>
        <translation>1 événement en attente</translation>
    </message>
    <message>
        <location filename="../../pos/ui/status_bar.py" line="111"/>
        <source>%1 events waiting</source>
        <translation>%1 événements en attente</translation>
    </message>
    <message>
        <location filename="../../pos/ui/status_bar.py" line="115"/>
        <source>Not synced yet</source>
        <translation>Pas encore synchronisé</translation>
    </message>
    <message>
        <location filename="../../pos/ui/status_bar.py" line="120"/>
        <source>Last sync %1</source>
        <translation>Synchro %1</translation>
    </message>
    <message>
        <location filename="../../pos/ui/status_bar.py" line="121"/>
        <source>Camera</source>
        <translation>Caméra</translation>
    </message>
    <message>
        <location filename="../../pos/ui/status_bar.py" line="124"/>
        <source>NFC</source>
        <translation>NFC</translation>
    </message>
    <message>
        <location filename="../../pos/ui/status_bar.py" line="124"/>
        <source>NFC (simulated)</source>
        <translation>NFC (simulé)</translation>
    </message>
    <message>
        <location filename="../../pos/ui/status_bar.py" line="137"/>
        <source>Clock off by %1 s: check the date and time</source>
        <translation>Horloge décalée de %1 s : vérifiez la date et l’heure</translation>
    </message>
    <message>
        <location filename="../../pos/ui/status_bar.py" line="142"/>
        <source>Notices (%1)  F10</source>
        <translation>Avis (%1)  F10</translation>
    </message>
    <message>
        <location filename="../../pos/ui/status_bar.py" line="143"/>
        <source>Settings  F12</source>
        <translation>Réglages  F12</translation>
    </message>
    <message>
        <location filename="../../pos/ui/status_bar.py" line="147"/>
        <location filename="../../pos/ui/status_bar.py" line="159"/>
        <source>off</source>
        <translation>arrêtée</translation>
    </message>
    <message>
        <location filename="../../pos/ui/status_bar.py" line="148"/>
        <source>starting</source>
        <translation>démarrage</translation>
    </message>
    <message>
        <location filename="../../pos/ui/status_bar.py" line="149"/>
        <source>on</source>
        <translation>active</translation>
    </message>
    <message>
        <location filename="../../pos/ui/status_bar.py" line="150"/>
        <source>ready</source>
        <translation>prêt</translation>
    </message>
    <message>
        <location filename="../../pos/ui/status_bar.py" line="151"/>
        <location filename="../../pos/ui/status_bar.py" line="152"/>
        <location filename="../../pos/ui/status_bar.py" line="153"/>
        <source>not found</source>
        <translation>introuvable</translation>
    </message>
    <message>
        <location filename="../../pos/ui/status_bar.py" line="156"/>
        <source>no permission</source>
        <translation>accès refusé</translation>
    </message>
    <message>
        <location filename="../../pos/ui/status_bar.py" line="157"/>
        <source>busy</source>
        <translation>occupée</translation>
    </message>
    <message>
        <location filename="../../pos/ui/status_bar.py" line="158"/>
        <source>video ended</source>
        <translation>vidéo terminée</translation>
    </message>
    <message>
        <location filename="../../pos/ui/status_bar.py" line="161"/>
        <source>%1: %2</source>
        <translation>%1 : %2</translation>
    </message>
    <message>
        <location filename="../../pos/ui/status_bar.py" line="129"/>
        <source>Scanner</source>
        <translation>Scanner</translation>
    </message>
    <message>
        <location filename="../../pos/ui/status_bar.py" line="154"/>
        <source>unplugged</source>
        <translation>débranché</translation>
    </message>
    <message>
        <location filename="../../pos/ui/status_bar.py" line="155"/>
        <source>not available</source>
        <translation>indisponible</translation>
    </message>
</context>
<context>
    <name>CustomerPanel</name>
    <message>
        <location filename="../../pos/ui/customer_panel.py" line="178"/>
        <location filename="../../pos/ui/customer_panel.py" line="189"/>
        <source>+%1 this visit</source>
        <translation>+%1 cette visite</translation>
    </message>
    <message>
        <location filename="../../pos/ui/customer_panel.py" line="185"/>
        <source>Show a QR code to the camera, tap a card on the reader,
or type a name, phone, email or member ID above.</source>
        <translation>Montrez un code QR à la caméra, posez une carte sur le lecteur,
ou tapez un nom, un téléphone, un e-mail ou un n° de membre ci-dessus.</translation>
    </message>
    <message>
        <location filename="../../pos/ui/customer_panel.py" line="188"/>
        <source>This customer has no stamp card yet. Issue one with F4.</source>
        <translation>Ce client n’a pas encore de carte à tampons. Émettez-en une avec F4.</translation>
    </message>
    <message>
        <location filename="../../pos/ui/customer_panel.py" line="195"/>
        <source>Card holder</source>
        <translation>Titulaire de la carte</translation>
    </message>
    <message>
        <location filename="../../pos/ui/customer_panel.py" line="196"/>
        <source>This card is not linked to a member.</source>
        <translation>Cette carte n’est liée à aucun membre.</translation>
    </message>
    <message>
        <location filename="../../pos/ui/customer_panel.py" line="199"/>
        <source>Member ID %1</source>
        <translation>N° de membre %1</translation>
    </message>
    <message>
        <location filename="../../pos/ui/customer_panel.py" line="201"/>
        <source>Status: %1</source>
        <translation>Statut : %1</translation>
    </message>
    <message>
        <location filename="../../pos/ui/customer_panel.py" line="203"/>
        <source>Membership inactive</source>
        <translation>Adhésion inactive</translation>
    </message>
    <message>
        <location filename="../../pos/ui/customer_panel.py" line="208"/>
        <source>Confirmed by the server</source>
        <translation>Confirmé par le serveur</translation>
    </message>
    <message>
        <location filename="../../pos/ui/customer_panel.py" line="211"/>
        <source>Recorded locally</source>
        <translation>Enregistré ici</translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message>
        <location filename="../../pos/ui/history_dialog.py" line="32"/>
        <source>History of %1</source>
        <translation>Historique de %1</translation>
    </message>
    <message>
        <location filename="../../pos/ui/history_dialog.py" line="33"/>
        <source>Loading…</source>
        <translation>Chargement…</translation>
    </message>
    <message>
        <location filename="../../pos/ui/history_dialog.py" line="38"/>
        <source>When</source>
        <translation>Quand</translation>
    </message>
    <message>
        <location filename="../../pos/ui/history_dialog.py" line="38"/>
        <source>What</source>
        <translation>Quoi</translation>
    </message>
    <message>
        <location filename="../../pos/ui/history_dialog.py" line="38"/>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <location filename="../../pos/ui/history_dialog.py" line="38"/>
        <source>Detail</source>
        <translation>Détail</translation>
    </message>
    <message>
        <location filename="../../pos/ui/history_dialog.py" line="48"/>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <location filename="../../pos/ui/history_dialog.py" line="58"/>
        <source>Stamp</source>
        <translation>Tampon</translation>
    </message>
    <message>
        <location filename="../../pos/ui/history_dialog.py" line="59"/>
        <source>Reward redeemed</source>
        <translation>Récompense utilisée</translation>
    </message>
    <message>
        <location filename="../../pos/ui/history_dialog.py" line="60"/>
        <source>Reward earned</source>
        <translation>Récompense gagnée</translation>
    </message>
    <message>
        <location filename="../../pos/ui/history_dialog.py" line="61"/>
        <source>Stamp removed</source>
        <translation>Tampon retiré</translation>
    </message>
    <message>
        <location filename="../../pos/ui/history_dialog.py" line="62"/>
        <source>Reward removed</source>
        <translation>Récompense retirée</translation>
    </message>
    <message>
        <location filename="../../pos/ui/history_dialog.py" line="67"/>
        <source>Confirmed by the server</source>
        <translation>Confirmé par le serveur</translation>
    </message>
    <message>
        <location filename="../../pos/ui/history_dialog.py" line="68"/>
        <source>Sent</source>
        <translation>Envoyé</translation>
    </message>
    <message>
        <location filename="../../pos/ui/history_dialog.py" line="69"/>
        <source>Waiting to be sent</source>
        <translation>En attente d’envoi</translation>
    </message>
    <message>
        <location filename="../../pos/ui/history_dialog.py" line="70"/>
        <source>Sending</source>
        <translation>Envoi en cours</translation>
    </message>
    <message>
        <location filename="../../pos/ui/history_dialog.py" line="71"/>
        <source>Refused by the server</source>
        <translation>Refusé par le serveur</translation>
    </message>
    <message>
        <location filename="../../pos/ui/history_dialog.py" line="72"/>
        <source>Held for the manager</source>
        <translation>Retenu pour le responsable</translation>
    </message>
    <message>
        <location filename="../../pos/ui/history_dialog.py" line="77"/>
        <source>Server history and this terminal&apos;s events.</source>
        <translation>Historique du serveur et événements de ce terminal.</translation>
    </message>
    <message>
        <location filename="../../pos/ui/history_dialog.py" line="78"/>
        <source>Offline: only this terminal&apos;s events are shown.</source>
        <translation>Hors ligne : seuls les événements de ce terminal sont affichés.</translation>
    </message>
    <message>
        <location filename="../../pos/ui/history_dialog.py" line="92"/>
        <source>No events on this card yet.</source>
        <translation>Aucun événement sur cette carte pour l’instant.</translation>
    </message>
</context>
<context>
    <name>IdentifyFlow</name>
    <message>
        <location filename="../../pos/ui/identify_flow.py" line="93"/>
        <location filename="../../pos/ui/identify_flow.py" line="99"/>
        <source>Next: %1 (waiting)</source>
        <extracomment>the scan that arrived while an action was open, identified once it ends who this visit is for (member, else card) and the stamps it added</extracomment>
        <translation>Suivant : %1 (en attente)</translation>
    </message>
    <message>
        <location filename="../../pos/ui/identify_flow.py" line="93"/>
        <source>a new code</source>
        <translation>un nouveau code</translation>
    </message>
    <message>
        <location filename="../../pos/ui/identify_flow.py" line="98"/>
        <source>a card</source>
        <translation>une carte</translation>
    </message>
    <message>
        <location filename="../../pos/ui/identify_flow.py" line="114"/>
        <source>Looking up the code…</source>
        <translation>Recherche du code…</translation>
    </message>
    <message>
        <location filename="../../pos/ui/identify_flow.py" line="136"/>
        <source>This is not a loyalty code of this store. Ask the customer for their card.</source>
        <translation>Ce n’est pas un code de fidélité de ce magasin. Demandez sa carte au client.</translation>
    </message>
    <message>
        <location filename="../../pos/ui/identify_flow.py" line="170"/>
        <location filename="../../pos/ui/identify_flow.py" line="187"/>
        <source>Card</source>
        <translation>Carte</translation>
    </message>
    <message>
        <location filename="../../pos/ui/identify_flow.py" line="189"/>
        <source>%1 — %2: %3 of %4 stamps.</source>
        <translation>%1 — %2 : %3 tampons sur %4.</translation>
    </message>
    <message>
        <location filename="../../pos/ui/identify_flow.py" line="192"/>
        <source>%1 found. This customer has no stamp card yet.</source>
        <translation>%1 trouvé(e). Ce client n’a pas encore de carte à tampons.</translation>
    </message>
    <message>
        <location filename="../../pos/ui/identify_flow.py" line="194"/>
        <source>This card is new to this terminal; the server confirms it when it is reachable.</source>
        <translation>Cette carte est nouvelle sur ce terminal ; le serveur la confirmera dès qu’il sera joignable.</translation>
    </message>
    <message>
        <location filename="../../pos/ui/identify_flow.py" line="200"/>
        <source>valid %1 to %2</source>
        <translation>valable du %1 au %2</translation>
    </message>
    <message>
        <location filename="../../pos/ui/identify_flow.py" line="203"/>
        <source>This card has expired (%1). Issue the customer a new card with F4.</source>
        <translation>Cette carte a expiré (%1). Émettez une nouvelle carte au client avec F4.</translation>
    </message>
    <message>
        <location filename="../../pos/ui/identify_flow.py" line="205"/>
        <source>This card is not active (%1). Issue the customer a new card with F4.</source>
        <translation>Cette carte n’est pas active (%1). Émettez une nouvelle carte au client avec F4.</translation>
    </message>
    <message>
        <location filename="../../pos/ui/identify_flow.py" line="212"/>
        <source>Find the customer first: scan, tap or search.</source>
        <translation>Trouvez d’abord le client : scannez, posez la carte ou recherchez.</translation>
    </message>
    <message>
        <location filename="../../pos/ui/identify_flow.py" line="310"/>
        <source>No member matches ‘%1’.</source>
        <translation>Aucun membre ne correspond à « %1 ».</translation>
    </message>
    <message>
        <location filename="../../pos/ui/identify_flow.py" line="312"/>
        <source>Searched this terminal only (offline).</source>
        <translation>Recherche sur ce terminal seulement (hors ligne).</translation>
    </message>
    <message>
        <location filename="../../pos/ui/identify_flow.py" line="324"/>
        <source>(not yet confirmed)</source>
        <translation>(pas encore confirmé)</translation>
    </message>
    <message>
        <location filename="../../pos/ui/identify_flow.py" line="327"/>
        <source>Opening %1…</source>
        <translation>Ouverture de %1…</translation>
    </message>
</context>
<context>
    <name>IssueDialog</name>
    <message>
        <location filename="../../pos/ui/issue_dialog.py" line="52"/>
        <source>Issue a new stamp card</source>
        <translation>Émettre une nouvelle carte à tampons</translation>
    </message>
    <message>
        <location filename="../../pos/ui/issue_dialog.py" line="139"/>
        <source>Stamp card</source>
        <translation>Carte à tampons</translation>
    </message>
    <message>
        <location filename="../../pos/ui/issue_dialog.py" line="140"/>
        <source>Valid from</source>
        <translation>Valable du</translation>
    </message>
    <message>
        <location filename="../../pos/ui/issue_dialog.py" line="141"/>
        <source>Valid until</source>
        <translation>Valable jusqu’au</translation>
    </message>
    <message>
        <location filename="../../pos/ui/issue_dialog.py" line="143"/>
        <source>A card can be valid for at most %1 years.</source>
        <translation>Une carte est valable %1 ans au plus.</translation>
    </message>
    <message>
        <location filename="../../pos/ui/issue_dialog.py" line="147"/>
        <source>Issue card   Enter</source>
        <translation>Émettre la carte   Entrée</translation>
    </message>
    <message>
        <location filename="../../pos/ui/issue_dialog.py" line="148"/>
        <source>Cancel   Esc</source>
        <translation>Annuler   Échap</translation>
    </message>
    <message>
        <location filename="../../pos/ui/issue_dialog.py" line="149"/>
        <source>Print QR   Ctrl+P</source>
        <translation>Imprimer le QR   Ctrl+P</translation>
    </message>
    <message>
        <location filename="../../pos/ui/issue_dialog.py" line="150"/>
        <source>Done   Esc</source>
        <translation>Terminé   Échap</translation>
    </message>
    <message>
        <location filename="../../pos/ui/issue_dialog.py" line="151"/>
        <source>Refresh catalog</source>
        <translation>Actualiser le catalogue</translation>
    </message>
    <message>
        <location filename="../../pos/ui/issue_dialog.py" line="175"/>
        <source>Refreshing the catalog from the stamp service…</source>
        <translation>Actualisation du catalogue auprès du service de tampons…</translation>
    </message>
    <message>
        <location filename="../../pos/ui/issue_dialog.py" line="181"/>
        <source>There is no stamp card to issue. Refresh the catalog.</source>
        <translation>Aucune carte à émettre. Actualisez le catalogue.</translation>
    </message>
    <message>
        <location filename="../../pos/ui/issue_dialog.py" line="184"/>
        <source>The end date must not be before the start date.</source>
        <translation>La date de fin ne peut pas précéder la date de début.</translation>
    </message>
    <message>
        <location filename="../../pos/ui/issue_dialog.py" line="199"/>
        <source>Card issued. Let the customer scan this code.</source>
        <translation>Carte émise. Faites scanner ce code au client.</translation>
    </message>
    <message>
        <location filename="../../pos/ui/issue_dialog.py" line="206"/>
        <source>Offline: the card is queued. Its QR code appears here once it is synced.</source>
        <translation>Hors ligne : la carte est en file d’attente. Son code QR apparaîtra ici une fois synchronisée.</translation>
    </message>
    <message>
        <location filename="../../pos/ui/issue_dialog.py" line="208"/>
        <source>⌛ Waiting for the service…</source>
        <translation>⌛ En attente du service…</translation>
    </message>
</context>
<context>
    <name>IssueFlow</name>
    <message>
        <location filename="../../pos/ui/issue_flow.py" line="67"/>
        <source>This terminal is not connected to the stamp service, so the catalog cannot be refreshed. Check the service settings.</source>
        <extracomment>how long a requested catalog refresh may take before the cashier is told it did not come asks the sync engine for a catalog pull; None when no engine runs (no credentials)</extracomment>
        <translation>Ce terminal n’est pas connecté au service de tampons : le catalogue ne peut pas être actualisé. Vérifiez les réglages du service.</translation>
    </message>
    <message>
        <location filename="../../pos/ui/issue_flow.py" line="91"/>
        <source>The stamp service has no stamp card this terminal can issue.</source>
        <translation>Le service de tampons n’a aucune carte de fidélité que ce terminal peut émettre.</translation>
    </message>
    <message>
        <location filename="../../pos/ui/issue_flow.py" line="96"/>
        <source>The stamp service did not send the catalog. Check the connection and press Refresh catalog again.</source>
        <translation>Le service de tampons n’a pas envoyé le catalogue. Vérifiez la connexion et appuyez de nouveau sur Actualiser le catalogue.</translation>
    </message>
    <message>
        <location filename="../../pos/ui/issue_flow.py" line="121"/>
        <source>New card issued: %1</source>
        <translation>Nouvelle carte émise : %1</translation>
    </message>
    <message>
        <location filename="../../pos/ui/issue_flow.py" line="125"/>
        <source>The issuing service refused the card.</source>
        <translation>Le service d’émission a refusé la carte.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../pos/ui/main_window.py" line="152"/>
        <source>Stamp POS — counter</source>
        <translation>Stamp POS — caisse</translation>
    </message>
</context>
<context>
    <name>MemberDialog</name>
    <message>
        <location filename="../../pos/ui/member_dialog.py" line="49"/>
        <source>Edit member</source>
        <translation>Modifier le membre</translation>
    </message>
    <message>
        <location filename="../../pos/ui/member_dialog.py" line="49"/>
        <source>New member</source>
        <translation>Nouveau membre</translation>
    </message>
    <message>
        <location filename="../../pos/ui/member_dialog.py" line="59"/>
        <source>— choose —</source>
        <translation>— choisir —</translation>
    </message>
    <message>
        <location filename="../../pos/ui/member_dialog.py" line="60"/>
        <source>Female</source>
        <translation>Femme</translation>
    </message>
    <message>
        <location filename="../../pos/ui/member_dialog.py" line="61"/>
        <source>Male</source>
        <translation>Homme</translation>
    </message>
    <message>
        <location filename="../../pos/ui/member_dialog.py" line="78"/>
        <source>YYYY-MM-DD</source>
        <translation>AAAA-MM-JJ</translation>
    </message>
    <message>
        <location filename="../../pos/ui/member_dialog.py" line="87"/>
        <source>Save changes</source>
        <translation>Enregistrer</translation>
    </message>
    <message>
        <location filename="../../pos/ui/member_dialog.py" line="87"/>
        <source>Register</source>
        <translation>Inscrire</translation>
    </message>
    <message>
        <location filename="../../pos/ui/member_dialog.py" line="89"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location filename="../../pos/ui/member_dialog.py" line="103"/>
        <source>Name *</source>
        <translation>Nom *</translation>
    </message>
    <message>
        <location filename="../../pos/ui/member_dialog.py" line="104"/>
        <source>Email</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <location filename="../../pos/ui/member_dialog.py" line="105"/>
        <source>Phone</source>
        <translation>Téléphone</translation>
    </message>
    <message>
        <location filename="../../pos/ui/member_dialog.py" line="106"/>
        <source>Birthday *</source>
        <translation>Date de naissance *</translation>
    </message>
    <message>
        <location filename="../../pos/ui/member_dialog.py" line="107"/>
        <source>Gender *</source>
        <translation>Genre *</translation>
    </message>
    <message>
        <location filename="../../pos/ui/member_dialog.py" line="108"/>
        <source>Member ID</source>
        <translation>N° de membre</translation>
    </message>
    <message>
        <location filename="../../pos/ui/member_dialog.py" line="109"/>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <location filename="../../pos/ui/member_dialog.py" line="144"/>
        <source>This field is required.</source>
        <translation>Ce champ est obligatoire.</translation>
    </message>
    <message>
        <location filename="../../pos/ui/member_dialog.py" line="145"/>
        <source>Enter a valid text value.</source>
        <translation>Saisissez un texte valide.</translation>
    </message>
    <message>
        <location filename="../../pos/ui/member_dialog.py" line="146"/>
        <source>A valid integer is required.</source>
        <translation>Un nombre entier valide est requis.</translation>
    </message>
    <message>
        <location filename="../../pos/ui/member_dialog.py" line="147"/>
        <source>Enter a valid email address.</source>
        <translation>Saisissez une adresse e-mail valide.</translation>
    </message>
    <message>
        <location filename="../../pos/ui/member_dialog.py" line="149"/>
        <source>Date has wrong format. Use this format instead: YYYY-MM-DD.</source>
        <translation>Format de date incorrect. Utilisez ce format : AAAA-MM-JJ.</translation>
    </message>
    <message>
        <location filename="../../pos/ui/member_dialog.py" line="151"/>
        <source>Enter a real birthday.</source>
        <translation>Saisissez une vraie date de naissance.</translation>
    </message>
    <message>
        <location filename="../../pos/ui/member_dialog.py" line="152"/>
        <source>Choose female or male.</source>
        <translation>Choisissez femme ou homme.</translation>
    </message>
    <message>
        <location filename="../../pos/ui/member_dialog.py" line="153"/>
        <source>Enter a valid phone number.</source>
        <translation>Saisissez un numéro de téléphone valide.</translation>
    </message>
    <message>
        <location filename="../../pos/ui/member_dialog.py" line="155"/>
        <source>A member ID has only letters and digits.</source>
        <translation>Un n° de membre ne contient que des lettres et des chiffres.</translation>
    </message>
    <message>
        <location filename="../../pos/ui/member_dialog.py" line="158"/>
        <source>Ensure this field has no more than 200 characters.</source>
        <translation>Ce champ ne doit pas dépasser 200 caractères.</translation>
    </message>
</context>
<context>
    <name>MemberFlow</name>
    <message>
        <location filename="../../pos/ui/member_flow.py" line="56"/>
        <source>This member is no longer known here.</source>
        <translation>Ce membre n’est plus connu ici.</translation>
    </message>
    <message>
        <location filename="../../pos/ui/member_flow.py" line="81"/>
        <source>%1 is registered. The membership service confirms it when reachable.</source>
        <translation>%1 est inscrit(e). Le service des membres le confirmera dès qu’il sera joignable.</translation>
    </message>
    <message>
        <location filename="../../pos/ui/member_flow.py" line="83"/>
        <source>Changes to %1 are saved and will be sent to the membership service.</source>
        <translation>Les modifications de %1 sont enregistrées et seront envoyées au service des membres.</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <location filename="../../pos/ui/messages.py" line="148"/>
        <source>Some fields are not right ({0}). Correct them and try again.</source>
        <extracomment>Exception bases whose message is written for the cashier (refusals and the environment).</extracomment>
        <translation>Certains champs ne sont pas corrects ({0}). Corrigez-les et réessayez.</translation>
    </message>
    <message>
        <location filename="../../pos/ui/messages.py" line="152"/>
        <source>Some fields are not right. Correct them and try again.</source>
        <translation>Certains champs ne sont pas corrects. Corrigez-les et réessayez.</translation>
    </message>
    <message>
        <location filename="../../pos/ui/messages.py" line="118"/>
        <location filename="../../pos/ui/messages.py" line="164"/>
        <source>The terminal could not save its data (the disk may be full or busy). Free some space or restart the terminal; nothing recorded so far is lost.</source>
        <translation>Le terminal n’a pas pu enregistrer ses données (disque plein ou occupé). Libérez de la place ou redémarrez le terminal ; rien de ce qui a été enregistré n’est perdu.</translation>
    </message>
    <message>
        <location filename="../../pos/ui/messages.py" line="82"/>
        <source>This needs the manager PIN.</source>
        <translation>Il faut le code du responsable.</translation>
    </message>
    <message>
        <location filename="../../pos/ui/messages.py" line="86"/>
        <source>This is not a loyalty code of this store. Ask the customer for their card.</source>
        <translation>Ce n’est pas un code de fidélité de ce magasin. Demandez sa carte au client.</translation>
    </message>
    <message>
        <location filename="../../pos/ui/messages.py" line="90"/>
        <source>This card or member is not known on this terminal. Search by name, or connect to the network and try again.</source>
        <translation>Cette carte ou ce membre n’est pas connu sur ce terminal. Recherchez par nom, ou connectez-vous au réseau et réessayez.</translation>
    </message>
    <message>
        <location filename="../../pos/ui/messages.py" line="95"/>
        <source>The camera is not available. Check its cable, or choose another camera in the settings.</source>
        <translation>La caméra n’est pas disponible. Vérifiez son câble, ou choisissez une autre caméra dans les réglages.</translation>
    </message>
    <message>
        <location filename="../../pos/ui/messages.py" line="100"/>
        <source>The NFC reader is not available. Check its cable, or choose another reader in the settings.</source>
        <translation>Le lecteur NFC n’est pas disponible. Vérifiez son câble, ou choisissez un autre lecteur dans les réglages.</translation>
    </message>
    <message>
        <location filename="../../pos/ui/messages.py" line="105"/>
        <source>A device is not working. Check its cable.</source>
        <translation>Un appareil ne fonctionne pas. Vérifiez son câble.</translation>
    </message>
    <message>
        <location filename="../../pos/ui/messages.py" line="109"/>
        <source>The stamp service refused this terminal&apos;s credentials. Ask the manager to check them in the settings.</source>
        <translation>Le service de tampons a refusé les identifiants de ce terminal. Demandez au responsable de les vérifier dans les réglages.</translation>
    </message>
    <message>
        <location filename="../../pos/ui/messages.py" line="114"/>
        <source>The stamp service cannot be reached now. Everything is kept here and sent later.</source>
        <translation>Le service de tampons est injoignable pour l’instant. Tout est gardé ici et envoyé plus tard.</translation>
    </message>
    <message>
        <location filename="../../pos/ui/messages.py" line="170"/>
        <source>Sorry, something went wrong inside the app. It was written to the log: try again, and tell your manager if it happens again.</source>
        <translation>Désolé, une erreur s’est produite dans l’application. Elle a été notée dans le journal : réessayez, et prévenez votre responsable si cela se reproduit.</translation>
    </message>
</context>
<context>
    <name>NoticesDialog</name>
    <message>
        <location filename="../../pos/ui/notices_dialog.py" line="30"/>
        <source>Notices</source>
        <translation>Avis</translation>
    </message>
    <message>
        <location filename="../../pos/ui/notices_dialog.py" line="35"/>
        <source>Nothing needs attention.</source>
        <translation>Rien à signaler.</translation>
    </message>
    <message>
        <location filename="../../pos/ui/notices_dialog.py" line="38"/>
        <source>Open   Enter</source>
        <translation>Ouvrir   Entrée</translation>
    </message>
    <message>
        <location filename="../../pos/ui/notices_dialog.py" line="40"/>
        <source>Mark as dealt with   Del</source>
        <translation>Marquer comme traité   Suppr</translation>
    </message>
    <message>
        <location filename="../../pos/ui/notices_dialog.py" line="43"/>
        <source>Close   Esc</source>
        <translation>Fermer   Échap</translation>
    </message>
    <message>
        <location filename="../../pos/ui/notices_dialog.py" line="58"/>
        <source>Refused by the server</source>
        <translation>Refusé par le serveur</translation>
    </message>
    <message>
        <location filename="../../pos/ui/notices_dialog.py" line="59"/>
        <source>For the manager: unusual stamping</source>
        <translation>Pour le responsable : tampons inhabituels</translation>
    </message>
    <message>
        <location filename="../../pos/ui/notices_dialog.py" line="60"/>
        <source>Member details refused</source>
        <translation>Données du membre refusées</translation>
    </message>
    <message>
        <location filename="../../pos/ui/notices_dialog.py" line="61"/>
        <source>Held for the manager</source>
        <translation>Retenu pour le responsable</translation>
    </message>
    <message>
        <location filename="../../pos/ui/notices_dialog.py" line="62"/>
        <source>Card issue failed</source>
        <translation>Échec de l’émission de carte</translation>
    </message>
</context>
<context>
    <name>PinDialog</name>
    <message>
        <location filename="../../pos/ui/pin_dialog.py" line="34"/>
        <source>Manager PIN</source>
        <translation>Code du responsable</translation>
    </message>
    <message>
        <location filename="../../pos/ui/pin_dialog.py" line="44"/>
        <source>No manager PIN is set yet. Choose one of at least %1 digits; it protects settings, late undos and reward removals.</source>
        <translation>Aucun code responsable n’est encore défini. Choisissez-en un d’au moins %1 chiffres ; il protège les réglages, les annulations tardives et les retraits de récompenses.</translation>
    </message>
    <message>
        <location filename="../../pos/ui/pin_dialog.py" line="49"/>
        <source>New PIN</source>
        <translation>Nouveau code</translation>
    </message>
    <message>
        <location filename="../../pos/ui/pin_dialog.py" line="50"/>
        <source>Repeat it</source>
        <translation>Répétez-le</translation>
    </message>
    <message>
        <location filename="../../pos/ui/pin_dialog.py" line="52"/>
        <source>PIN</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../../pos/ui/pin_dialog.py" line="57"/>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../../pos/ui/pin_dialog.py" line="58"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location filename="../../pos/ui/pin_dialog.py" line="89"/>
        <source>The two PINs differ. Type the same PIN twice.</source>
        <translation>Les deux codes diffèrent. Tapez deux fois le même code.</translation>
    </message>
    <message>
        <location filename="../../pos/ui/pin_dialog.py" line="91"/>
        <source>The PIN must be at least %1 digits.</source>
        <translation>Le code doit comporter au moins %1 chiffres.</translation>
    </message>
    <message>
        <location filename="../../pos/ui/pin_dialog.py" line="105"/>
        <source>No manager PIN is set on this terminal. It is chosen when Stamp POS starts; restart it to set one.</source>
        <translation>Aucun code responsable n’est défini sur ce terminal. Il se choisit au démarrage de Stamp POS ; redémarrez-le pour en définir un.</translation>
    </message>
    <message>
        <location filename="../../pos/ui/pin_dialog.py" line="111"/>
        <source>This PIN is not the manager PIN. Try again.</source>
        <translation>Ce n’est pas le code du responsable. Réessayez.</translation>
    </message>
    <message>
        <location filename="../../pos/ui/pin_dialog.py" line="113"/>
        <source>Too many wrong PINs. Wait a minute and try again.</source>
        <translation>Trop de codes erronés. Attendez une minute et réessayez.</translation>
    </message>
    <message>
        <location filename="../../pos/ui/pin_dialog.py" line="120"/>
        <source>Choose the manager PIN before the counter opens.</source>
        <translation>Choisissez le code du responsable avant l’ouverture de la caisse.</translation>
    </message>
</context>
<context>
    <name>Refusals</name>
    <message>
        <location filename="../../pos/ui/messages.py" line="39"/>
        <source>This card is no longer active. Issue the customer a new card.</source>
        <translation>Cette carte n’est plus active. Émettez une nouvelle carte au client.</translation>
    </message>
    <message>
        <location filename="../../pos/ui/messages.py" line="43"/>
        <source>This card is outside its validity dates. Issue the customer a new card.</source>
        <translation>Cette carte est hors de ses dates de validité. Émettez une nouvelle carte au client.</translation>
    </message>
    <message>
        <location filename="../../pos/ui/messages.py" line="47"/>
        <source>This card was already stamped moments ago. Wait before stamping again.</source>
        <translation>Cette carte vient déjà d’être tamponnée. Attendez avant d’en ajouter un autre.</translation>
    </message>
    <message>
        <location filename="../../pos/ui/messages.py" line="51"/>
        <source>This stamp code does not belong to this card. Scan the store&apos;s own code.</source>
        <translation>Ce code de tampon n’appartient pas à cette carte. Scannez le code du magasin.</translation>
    </message>
    <message>
        <location filename="../../pos/ui/messages.py" line="55"/>
        <source>This reward cannot be redeemed any more. Refresh the customer&apos;s card.</source>
        <translation>Cette récompense ne peut plus être utilisée. Actualisez la carte du client.</translation>
    </message>
    <message>
        <location filename="../../pos/ui/messages.py" line="59"/>
        <source>There is no such reward on this card to remove.</source>
        <translation>Cette carte n’a pas cette récompense à retirer.</translation>
    </message>
    <message>
        <location filename="../../pos/ui/messages.py" line="63"/>
        <source>This card has no stamps to remove.</source>
        <translation>Cette carte n’a aucun tampon à retirer.</translation>
    </message>
    <message>
        <location filename="../../pos/ui/messages.py" line="67"/>
        <source>This action is done by the stamp service, not by the terminal.</source>
        <translation>Cette action est faite par le service de tampons, pas par le terminal.</translation>
    </message>
    <message>
        <location filename="../../pos/ui/messages.py" line="71"/>
        <source>The stamp service does not know this card. Ask the customer for another.</source>
        <translation>Le service de tampons ne connaît pas cette carte. Demandez-en une autre au client.</translation>
    </message>
</context>
<context>
    <name>SearchPanel</name>
    <message>
        <location filename="../../pos/ui/search_panel.py" line="142"/>
        <source>Search: name, phone, email or member ID — or scan a code  (F2)</source>
        <translation>Rechercher : nom, téléphone, e-mail ou n° de membre — ou scannez un code  (F2)</translation>
    </message>
    <message>
        <location filename="../../pos/ui/search_panel.py" line="144"/>
        <source>Search customers</source>
        <translation>Rechercher des clients</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../pos/ui/settings_dialog.py" line="55"/>
        <source>Settings</source>
        <translation>Réglages</translation>
    </message>
    <message>
        <location filename="../../pos/ui/settings_dialog.py" line="63"/>
        <source>Service</source>
        <translation>Service</translation>
    </message>
    <message>
        <location filename="../../pos/ui/settings_dialog.py" line="63"/>
        <source>Devices</source>
        <translation>Appareils</translation>
    </message>
    <message>
        <location filename="../../pos/ui/settings_dialog.py" line="64"/>
        <source>Sync</source>
        <translation>Synchronisation</translation>
    </message>
    <message>
        <location filename="../../pos/ui/settings_dialog.py" line="64"/>
        <source>Rules and language</source>
        <translation>Règles et langue</translation>
    </message>
    <message>
        <location filename="../../pos/ui/settings_dialog.py" line="76"/>
        <source>unchanged</source>
        <translation>inchangé</translation>
    </message>
    <message>
        <location filename="../../pos/ui/settings_dialog.py" line="86"/>
        <source>Other</source>
        <translation>Autres</translation>
    </message>
    <message>
        <location filename="../../pos/ui/settings_dialog.py" line="91"/>
        <source>Save</source>
        <translation>Enregistrer</translation>
    </message>
    <message>
        <location filename="../../pos/ui/settings_dialog.py" line="92"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location filename="../../pos/ui/settings_dialog.py" line="103"/>
        <source>Stamp service URL</source>
        <translation>URL du service de tampons</translation>
    </message>
    <message>
        <location filename="../../pos/ui/settings_dialog.py" line="104"/>
        <source>Card issuing service URL</source>
        <translation>URL du service d’émission</translation>
    </message>
    <message>
        <location filename="../../pos/ui/settings_dialog.py" line="105"/>
        <source>Membership service URL</source>
        <translation>URL du service des membres</translation>
    </message>
    <message>
        <location filename="../../pos/ui/settings_dialog.py" line="106"/>
        <source>Stamp URL domain</source>
        <translation>Domaine des URL de tampons</translation>
    </message>
    <message>
        <location filename="../../pos/ui/settings_dialog.py" line="107"/>
        <source>Other stamp domains</source>
        <translation>Autres domaines de tampons</translation>
    </message>
    <message>
        <location filename="../../pos/ui/settings_dialog.py" line="108"/>
        <source>Merchant ID</source>
        <translation>ID du commerçant</translation>
    </message>
    <message>
        <location filename="../../pos/ui/settings_dialog.py" line="109"/>
        <source>Membership merchant</source>
        <translation>Commerçant (membres)</translation>
    </message>
    <message>
        <location filename="../../pos/ui/settings_dialog.py" line="110"/>
        <source>Store ID</source>
        <translation>ID du magasin</translation>
    </message>
    <message>
        <location filename="../../pos/ui/settings_dialog.py" line="111"/>
        <source>Terminal ID</source>
        <translation>ID du terminal</translation>
    </message>
    <message>
        <location filename="../../pos/ui/settings_dialog.py" line="112"/>
        <source>Counter number</source>
        <translation>Numéro de caisse</translation>
    </message>
    <message>
        <location filename="../../pos/ui/settings_dialog.py" line="113"/>
        <source>Events per batch</source>
        <translation>Événements par lot</translation>
    </message>
    <message>
        <location filename="../../pos/ui/settings_dialog.py" line="114"/>
        <source>Service timeout (s)</source>
        <translation>Délai du service (s)</translation>
    </message>
    <message>
        <location filename="../../pos/ui/settings_dialog.py" line="115"/>
        <source>Catalog refresh (s)</source>
        <translation>Actualisation du catalogue (s)</translation>
    </message>
    <message>
        <location filename="../../pos/ui/settings_dialog.py" line="116"/>
        <source>Clock warning after (s)</source>
        <translation>Alerte d’horloge après (s)</translation>
    </message>
    <message>
        <location filename="../../pos/ui/settings_dialog.py" line="117"/>
        <source>Retries before review</source>
        <translation>Essais avant vérification</translation>
    </message>
    <message>
        <location filename="../../pos/ui/settings_dialog.py" line="118"/>
        <source>Longest retry wait (s)</source>
        <translation>Attente maximale entre essais (s)</translation>
    </message>
    <message>
        <location filename="../../pos/ui/settings_dialog.py" line="119"/>
        <source>Time between stamps (s)</source>
        <translation>Délai entre tampons (s)</translation>
    </message>
    <message>
        <location filename="../../pos/ui/settings_dialog.py" line="120"/>
        <source>Stamps a day before alert</source>
        <translation>Tampons par jour avant alerte</translation>
    </message>
    <message>
        <location filename="../../pos/ui/settings_dialog.py" line="121"/>
        <source>Reward valid for (days)</source>
        <translation>Validité des récompenses (jours)</translation>
    </message>
    <message>
        <location filename="../../pos/ui/settings_dialog.py" line="122"/>
        <source>Undo without PIN for (s)</source>
        <translation>Annulation sans code pendant (s)</translation>
    </message>
    <message>
        <location filename="../../pos/ui/settings_dialog.py" line="123"/>
        <source>Camera</source>
        <translation>Caméra</translation>
    </message>
    <message>
        <location filename="../../pos/ui/settings_dialog.py" line="124"/>
        <location filename="../../pos/ui/settings_dialog.py" line="181"/>
        <source>QR decoder</source>
        <translation>Décodeur QR</translation>
    </message>
    <message>
        <location filename="../../pos/ui/settings_dialog.py" line="127"/>
        <source>NFC reader</source>
        <translation>Lecteur NFC</translation>
    </message>
    <message>
        <location filename="../../pos/ui/settings_dialog.py" line="130"/>
        <source>Frames to confirm a code</source>
        <translation>Images pour confirmer un code</translation>
    </message>
    <message>
        <location filename="../../pos/ui/settings_dialog.py" line="131"/>
        <source>Within (ms)</source>
        <translation>En moins de (ms)</translation>
    </message>
    <message>
        <location filename="../../pos/ui/settings_dialog.py" line="132"/>
        <source>Ignore same code for (s)</source>
        <translation>Ignorer le même code pendant (s)</translation>
    </message>
    <message>
        <location filename="../../pos/ui/settings_dialog.py" line="133"/>
        <source>Language</source>
        <translation>Langue</translation>
    </message>
    <message>
        <location filename="../../pos/ui/settings_dialog.py" line="134"/>
        <source>Backup every (hours)</source>
        <translation>Sauvegarde toutes les (heures)</translation>
    </message>
    <message>
        <location filename="../../pos/ui/settings_dialog.py" line="135"/>
        <source>Backups kept</source>
        <translation>Sauvegardes conservées</translation>
    </message>
    <message>
        <location filename="../../pos/ui/settings_dialog.py" line="136"/>
        <source>Country of the store</source>
        <translation>Pays du magasin</translation>
    </message>
    <message>
        <location filename="../../pos/ui/settings_dialog.py" line="137"/>
        <source>Clear the customer after (s)</source>
        <translation>Effacer le client après (s)</translation>
    </message>
    <message>
        <location filename="../../pos/ui/settings_dialog.py" line="138"/>
        <source>Store time zone</source>
        <translation>Fuseau horaire du magasin</translation>
    </message>
    <message>
        <location filename="../../pos/ui/settings_dialog.py" line="145"/>
        <source>Base URL of the Fintiv Digital Stamp API, including the version prefix</source>
        <translation>Adresse de base de l’API Fintiv Digital Stamp, préfixe de version compris</translation>
    </message>
    <message>
        <location filename="../../pos/ui/settings_dialog.py" line="147"/>
        <source>Base URL of the vvd.bz stamp API</source>
        <translation>Adresse de base de l’API de tampons vvd.bz</translation>
    </message>
    <message>
        <location filename="../../pos/ui/settings_dialog.py" line="148"/>
        <source>Base URL of the Stamps.co.id Membership API</source>
        <translation>Adresse de base de l’API des membres Stamps.co.id</translation>
    </message>
    <message>
        <location filename="../../pos/ui/settings_dialog.py" line="149"/>
        <source>Domain of the stamp URLs this store issues</source>
        <translation>Domaine des URL de tampons émises par ce magasin</translation>
    </message>
    <message>
        <location filename="../../pos/ui/settings_dialog.py" line="150"/>
        <source>Further custom stamp domains to accept</source>
        <translation>Autres domaines de tampons acceptés</translation>
    </message>
    <message>
        <location filename="../../pos/ui/settings_dialog.py" line="151"/>
        <source>Fintiv merchant id of this store</source>
        <translation>Identifiant Fintiv du commerçant de ce magasin</translation>
    </message>
    <message>
        <location filename="../../pos/ui/settings_dialog.py" line="152"/>
        <source>Membership API merchant id</source>
        <translation>Identifiant du commerçant dans l’API des membres</translation>
    </message>
    <message>
        <location filename="../../pos/ui/settings_dialog.py" line="153"/>
        <source>Membership API store id of this counter</source>
        <translation>Identifiant du magasin de cette caisse dans l’API des membres</translation>
    </message>
    <message>
        <location filename="../../pos/ui/settings_dialog.py" line="154"/>
        <source>Name of this terminal, written to the audit log</source>
        <translation>Nom de ce terminal, inscrit dans le journal d’audit</translation>
    </message>
    <message>
        <location filename="../../pos/ui/settings_dialog.py" line="156"/>
        <source>This counter&apos;s number (0-9), different on each counter of the merchant</source>
        <translation>Numéro de cette caisse (0-9), différent sur chaque caisse du commerçant</translation>
    </message>
    <message>
        <location filename="../../pos/ui/settings_dialog.py" line="158"/>
        <source>Events sent per reportMultiStampEvents call</source>
        <translation>Événements envoyés par appel reportMultiStampEvents</translation>
    </message>
    <message>
        <location filename="../../pos/ui/settings_dialog.py" line="159"/>
        <source>Seconds to wait for the stamp service</source>
        <translation>Secondes d’attente du service de tampons</translation>
    </message>
    <message>
        <location filename="../../pos/ui/settings_dialog.py" line="160"/>
        <source>Seconds between catalog refreshes</source>
        <translation>Secondes entre deux actualisations du catalogue</translation>
    </message>
    <message>
        <location filename="../../pos/ui/settings_dialog.py" line="162"/>
        <source>Seconds of difference from the server clock before a warning</source>
        <translation>Écart en secondes avec l’horloge du serveur avant une alerte</translation>
    </message>
    <message>
        <location filename="../../pos/ui/settings_dialog.py" line="165"/>
        <source>Attempts for an event with an unknown error code before a manager must review it</source>
        <translation>Essais pour un événement au code d’erreur inconnu avant vérification par le responsable</translation>
    </message>
    <message>
        <location filename="../../pos/ui/settings_dialog.py" line="168"/>
        <source>Longest wait in seconds before retrying while a service is failing</source>
        <translation>Attente maximale en secondes avant un nouvel essai quand un service est en panne</translation>
    </message>
    <message>
        <location filename="../../pos/ui/settings_dialog.py" line="171"/>
        <source>Seconds required between two stamps on one card (0 = no limit)</source>
        <translation>Secondes exigées entre deux tampons sur une carte (0 = sans limite)</translation>
    </message>
    <message>
        <location filename="../../pos/ui/settings_dialog.py" line="174"/>
        <source>Stamps on one card within a day above which the manager is alerted</source>
        <translation>Tampons par carte et par jour au-delà desquels le responsable est alerté</translation>
    </message>
    <message>
        <location filename="../../pos/ui/settings_dialog.py" line="176"/>
        <source>Days an earned reward stays redeemable</source>
        <translation>Jours pendant lesquels une récompense gagnée reste utilisable</translation>
    </message>
    <message>
        <location filename="../../pos/ui/settings_dialog.py" line="178"/>
        <source>Seconds during which a cashier may undo a stamp without the manager PIN</source>
        <translation>Secondes pendant lesquelles un caissier peut annuler un tampon sans le code du responsable</translation>
    </message>
    <message>
        <location filename="../../pos/ui/settings_dialog.py" line="180"/>
        <source>Camera: auto, a device index, /dev/videoN, a file or URL</source>
        <translation>Caméra : auto, un numéro d’appareil, /dev/videoN, un fichier ou une URL</translation>
    </message>
    <message>
        <location filename="../../pos/ui/settings_dialog.py" line="185"/>
        <source>NFC reader path: auto, usb, usb:VID:PID, tty:..., udp:...</source>
        <translation>Chemin du lecteur NFC : auto, usb, usb:VID:PID, tty:…, udp:…</translation>
    </message>
    <message>
        <location filename="../../pos/ui/settings_dialog.py" line="189"/>
        <source>Frames a code must be seen in before it counts</source>
        <translation>Images où un code doit apparaître avant de compter</translation>
    </message>
    <message>
        <location filename="../../pos/ui/settings_dialog.py" line="190"/>
        <source>Window for those frames, in milliseconds</source>
        <translation>Fenêtre pour ces images, en millisecondes</translation>
    </message>
    <message>
        <location filename="../../pos/ui/settings_dialog.py" line="191"/>
        <source>Seconds the same code is ignored after a scan</source>
        <translation>Secondes pendant lesquelles le même code est ignoré après un scan</translation>
    </message>
    <message>
        <location filename="../../pos/ui/settings_dialog.py" line="192"/>
        <source>Language of the cashier app</source>
        <translation>Langue de l’application de caisse</translation>
    </message>
    <message>
        <location filename="../../pos/ui/settings_dialog.py" line="194"/>
        <source>Hours between automatic backups of the database (0 = only at start)</source>
        <translation>Heures entre deux sauvegardes automatiques de la base (0 = seulement au démarrage)</translation>
    </message>
    <message>
        <location filename="../../pos/ui/settings_dialog.py" line="196"/>
        <source>Automatic backups kept in &lt;data dir&gt;/backups</source>
        <translation>Sauvegardes automatiques conservées dans &lt;dossier de données&gt;/backups</translation>
    </message>
    <message>
        <location filename="../../pos/ui/settings_dialog.py" line="197"/>
        <source>Country of the store (ISO code such as ID or FR), for phone numbers typed without their country code</source>
        <translation>Pays du magasin (code ISO comme ID ou FR), pour les numéros de téléphone saisis sans indicatif</translation>
    </message>
    <message>
        <location filename="../../pos/ui/settings_dialog.py" line="200"/>
        <source>Seconds without any action after which the customer is cleared from the screen, for their privacy</source>
        <translation>Secondes sans aucune action après lesquelles le client est effacé de l’écran, pour sa vie privée</translation>
    </message>
    <message>
        <location filename="../../pos/ui/settings_dialog.py" line="203"/>
        <source>The store&apos;s time zone, e.g. Asia/Jakarta: its day is the one on receipts, issue dates and expiry (empty = the system&apos;s zone)</source>
        <translation>Le fuseau horaire du magasin, par ex. Asia/Jakarta : son jour est celui des tickets, des dates d’émission et d’expiration (vide = le fuseau du système)</translation>
    </message>
    <message>
        <location filename="../../pos/ui/settings_dialog.py" line="210"/>
        <source>Stamp service API key</source>
        <translation>Clé API du service de tampons</translation>
    </message>
    <message>
        <location filename="../../pos/ui/settings_dialog.py" line="211"/>
        <source>Stamp service token</source>
        <translation>Jeton du service de tampons</translation>
    </message>
    <message>
        <location filename="../../pos/ui/settings_dialog.py" line="212"/>
        <source>Membership token</source>
        <translation>Jeton du service des membres</translation>
    </message>
    <message>
        <location filename="../../pos/ui/settings_dialog.py" line="213"/>
        <source>Card issuing key</source>
        <translation>Clé du service d’émission</translation>
    </message>
    <message>
        <location filename="../../pos/ui/settings_dialog.py" line="271"/>
        <source>Choose…</source>
        <translation>Choisir…</translation>
    </message>
    <message>
        <location filename="../../pos/ui/settings_dialog.py" line="335"/>
        <source>Some settings are not valid; see the red notes.</source>
        <translation>Certains réglages ne sont pas valides ; voyez les notes en rouge.</translation>
    </message>
    <message>
        <location filename="../../pos/ui/settings_dialog.py" line="342"/>
        <source>Enter a web address starting with https:// or http://.</source>
        <translation>Saisissez une adresse web commençant par https:// ou http://.</translation>
    </message>
    <message>
        <location filename="../../pos/ui/settings_dialog.py" line="344"/>
        <source>This field is required.</source>
        <translation>Ce champ est obligatoire.</translation>
    </message>
    <message>
        <location filename="../../pos/ui/settings_dialog.py" line="347"/>
        <source>Enter the two-letter country code, such as ID or FR.</source>
        <translation>Saisissez le code pays à deux lettres, comme ID ou FR.</translation>
    </message>
    <message>
        <location filename="../../pos/ui/settings_dialog.py" line="128"/>
        <source>Handheld scanner</source>
        <translation>Scanner portable</translation>
    </message>
    <message>
        <location filename="../../pos/ui/settings_dialog.py" line="129"/>
        <source>Scanner keyboard layout</source>
        <translation>Disposition clavier du scanner</translation>
    </message>
    <message>
        <location filename="../../pos/ui/settings_dialog.py" line="187"/>
        <source>Handheld scanner read directly: part of its name in &apos;stamp-pos devices&apos;</source>
        <translation>Scanner portable lu directement : une partie de son nom dans « stamp-pos devices »</translation>
    </message>
    <message>
        <location filename="../../pos/ui/settings_dialog.py" line="188"/>
        <source>Keyboard layout the handheld scanner is set to</source>
        <translation>Disposition de clavier réglée dans le scanner portable</translation>
    </message>
    <message>
        <location filename="../../pos/ui/settings_dialog.py" line="125"/>
        <source>Camera resolution</source>
        <translation>Résolution de la caméra</translation>
    </message>
    <message>
        <location filename="../../pos/ui/settings_dialog.py" line="126"/>
        <source>Camera autofocus</source>
        <translation>Mise au point automatique</translation>
    </message>
    <message>
        <location filename="../../pos/ui/settings_dialog.py" line="183"/>
        <source>Camera resolution to ask for, e.g. 1280x720 (empty: its own)</source>
        <translation>Résolution à demander à la caméra, p. ex. 1280x720 (vide : la sienne)</translation>
    </message>
    <message>
        <location filename="../../pos/ui/settings_dialog.py" line="184"/>
        <source>Camera autofocus: on, off, or auto (leave it)</source>
        <translation>Mise au point automatique : on, off, ou auto (inchangée)</translation>
    </message>
</context>
<context>
    <name>SettingsFlow</name>
    <message>
        <location filename="../../pos/ui/settings_flow.py" line="37"/>
        <source>Settings are for the manager.</source>
        <translation>Les réglages sont réservés au responsable.</translation>
    </message>
    <message>
        <location filename="../../pos/ui/settings_flow.py" line="68"/>
        <source>Settings saved. The new credentials apply when Stamp POS is restarted.</source>
        <translation>Réglages enregistrés. Les nouveaux identifiants s’appliquent au redémarrage de Stamp POS.</translation>
    </message>
    <message>
        <location filename="../../pos/ui/settings_flow.py" line="71"/>
        <source>Settings saved. Service and device settings apply when Stamp POS is restarted.</source>
        <translation>Réglages enregistrés. Les réglages du service et des appareils s’appliquent au redémarrage de Stamp POS.</translation>
    </message>
    <message>
        <location filename="../../pos/ui/settings_flow.py" line="74"/>
        <source>Settings saved.</source>
        <translation>Réglages enregistrés.</translation>
    </message>
</context>
<context>
    <name>StampFlow</name>
    <message>
        <location filename="../../pos/ui/stamp_flow.py" line="58"/>
        <source>1 stamp added</source>
        <translation>1 tampon ajouté</translation>
    </message>
    <message>
        <location filename="../../pos/ui/stamp_flow.py" line="59"/>
        <source>%1 stamps added</source>
        <translation>%1 tampons ajoutés</translation>
    </message>
    <message>
        <location filename="../../pos/ui/stamp_flow.py" line="60"/>
        <source>%1 of %2.</source>
        <translation>%1 sur %2.</translation>
    </message>
    <message>
        <location filename="../../pos/ui/stamp_flow.py" line="63"/>
        <source>Reward earned: %1!</source>
        <translation>Récompense gagnée : %1 !</translation>
    </message>
    <message>
        <location filename="../../pos/ui/stamp_flow.py" line="69"/>
        <source>Many stamps on this card today: the manager has been notified.</source>
        <translation>Beaucoup de tampons sur cette carte aujourd’hui : le responsable a été prévenu.</translation>
    </message>
    <message>
        <location filename="../../pos/ui/stamp_flow.py" line="121"/>
        <source>1 stamp removed</source>
        <translation>1 tampon retiré</translation>
    </message>
    <message>
        <location filename="../../pos/ui/stamp_flow.py" line="122"/>
        <source>%1 stamps removed</source>
        <translation>%1 tampons retirés</translation>
    </message>
    <message>
        <location filename="../../pos/ui/stamp_flow.py" line="125"/>
        <source>Undone: %1, and %2 taken back — %3 of %4.</source>
        <translation>Annulé : %1, et %2 repris — %3 sur %4.</translation>
    </message>
    <message>
        <location filename="../../pos/ui/stamp_flow.py" line="128"/>
        <source>Undone: %1 — %3 of %4.</source>
        <translation>Annulé : %1 — %3 sur %4.</translation>
    </message>
    <message>
        <location filename="../../pos/ui/stamp_flow.py" line="145"/>
        <source>This card has no reward to redeem yet.</source>
        <translation>Cette carte n’a pas encore de récompense à utiliser.</translation>
    </message>
    <message>
        <location filename="../../pos/ui/stamp_flow.py" line="157"/>
        <source>Redeem reward</source>
        <translation>Utiliser la récompense</translation>
    </message>
    <message>
        <location filename="../../pos/ui/stamp_flow.py" line="158"/>
        <source>Give the customer “%1” now? This cannot be undone by a cashier.</source>
        <translation>Donner « %1 » au client maintenant ? Un caissier ne pourra pas l’annuler.</translation>
    </message>
    <message>
        <location filename="../../pos/ui/stamp_flow.py" line="163"/>
        <source>Redeem   Enter</source>
        <translation>Utiliser   Entrée</translation>
    </message>
    <message>
        <location filename="../../pos/ui/stamp_flow.py" line="164"/>
        <source>Cancel   Esc</source>
        <translation>Annuler   Échap</translation>
    </message>
    <message>
        <location filename="../../pos/ui/stamp_flow.py" line="172"/>
        <source>Reward redeemed: %1. Enjoy!</source>
        <translation>Récompense utilisée : %1. Bonne dégustation !</translation>
    </message>
    <message>
        <location filename="../../pos/ui/stamp_flow.py" line="182"/>
        <source>The reward was taken back.</source>
        <translation>La récompense a été reprise.</translation>
    </message>
    <message>
        <location filename="../../pos/ui/stamp_flow.py" line="189"/>
        <source>Taking a reward back needs the manager PIN.</source>
        <translation>Reprendre une récompense demande le code du responsable.</translation>
    </message>
</context>
<context>
    <name>StampProgress</name>
    <message>
        <location filename="../../pos/ui/stamp_progress.py" line="45"/>
        <source>%1 of %2 stamps</source>
        <translation>%1 tampons sur %2</translation>
    </message>
</context>
</TS>
