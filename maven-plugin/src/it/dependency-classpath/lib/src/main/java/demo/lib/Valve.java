package demo.lib;

/** Not a thread: run() is an ordinary method. */
public class Valve {
  public void run() {
    // opens
  }
}
