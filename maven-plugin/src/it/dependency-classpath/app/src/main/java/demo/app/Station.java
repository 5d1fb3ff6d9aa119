package demo.app;

import demo.lib.Pump;
import demo.lib.Valve;

/** Whether these calls are mistakes depends on what Pump and Valve are: only the lib jar tells. */
public final class Station {
  public void pumpNow(Pump pump) {
    pump.run();
  }

  public void openNow(Valve valve) {
    valve.run();
  }
}
